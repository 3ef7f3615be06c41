// The audit page's chain status: full passes when cheap or due, and a check of every record appended since the last one.
import { afterEach, describe, expect, it } from 'vitest';
import { createAuditLog, createChainMonitor } from '../../src/audit/index.js';
import { sqliteHarness, type Harness } from '../store/harness.js';
import { memoryLogger } from '../support/harness.js';

const record = (i: number) => ({
  actor: { kind: 'system' as const, clientId: 'warden' },
  action: 'test.record',
  outcome: 'ok' as const,
  args: { i },
});

describe('chain monitor', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.dispose();
  });

  async function setup(n: number, o: { inlineLimit?: number; maxAgeMs?: number } = {}) {
    h = await sqliteHarness();
    const audit = createAuditLog(h.store);
    await audit.appendBatch(Array.from({ length: n }, (_, i) => record(i)));
    let t = Date.parse('2026-11-29T10:00:00Z');
    const { log, lines } = memoryLogger();
    const monitor = createChainMonitor({ store: h.store, log, now: () => t, ...o });
    return {
      audit,
      monitor,
      lines,
      advance: (ms: number) => {
        t += ms;
      },
    };
  }

  it('verifies a small chain in full on every call, so an edit made after one view shows on the next', async () => {
    const { monitor, lines } = await setup(20);
    expect((await monitor.status()).full?.result).toMatchObject({ ok: true, count: 20 });
    await h.disableAppendOnly();
    await h.raw(`UPDATE audit_log SET outcome = 'denied' WHERE seq = 3`);
    const s = await monitor.status();
    expect(s.full?.result).toMatchObject({ ok: false, brokenAtSeq: 3 });
    await new Promise((r) => setImmediate(r));
    expect(lines.join('')).toMatch(/audit chain verification failed/);
  });

  it('on a large chain checks the records added since the last full pass on every call', async () => {
    const { audit, monitor } = await setup(30, { inlineLimit: 10 });
    const first = await monitor.status();
    expect(first.full?.result).toMatchObject({ ok: true, count: 30 });
    await audit.appendBatch([record(30), record(31), record(32)]);
    const next = await monitor.status();
    expect(next.full).toBe(first.full); // no new full pass: not due yet
    expect(next.since).toMatchObject({ ok: true, count: 33 });
    await h.disableAppendOnly();
    await h.raw(`UPDATE audit_log SET outcome = 'denied' WHERE seq = 32`);
    expect((await monitor.status()).since).toMatchObject({ ok: false, brokenAtSeq: 32 });
  });

  it('finds an edit to an already verified record at the next full pass, which runs in the background once due', async () => {
    const { monitor, advance } = await setup(30, { inlineLimit: 10, maxAgeMs: 60_000 });
    await monitor.status();
    await h.disableAppendOnly();
    await h.raw(`UPDATE audit_log SET outcome = 'denied' WHERE seq = 4`);
    expect((await monitor.status()).since?.ok).toBe(true); // between full passes only newer records are checked
    advance(61_000);
    const due = await monitor.status();
    expect(due.running).toBe(true);
    await monitor.verifyFull();
    expect((await monitor.status()).full?.result).toMatchObject({ ok: false, brokenAtSeq: 4 });
  });

  it('reports records cut from the end after a full pass', async () => {
    const { monitor } = await setup(30, { inlineLimit: 10 });
    await monitor.status();
    await h.disableAppendOnly();
    await h.raw(`DELETE FROM audit_log WHERE seq >= 28`);
    await h.raw(`UPDATE audit_head SET seq = 27`);
    expect((await monitor.status()).since).toMatchObject({ ok: false, brokenAtSeq: 28 });
  });
});
