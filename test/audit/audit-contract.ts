// The audit log contract: chaining, verify on a good chain and after each kind of tampering, scrubbing, query, export.
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditInput } from '../../src/core/audit.js';
import { createAuditLog, GENESIS_HASH, type AuditLog } from '../../src/audit/index.js';
import { canonicalRecord, canonicalSealed, recordOfSealed } from '../../src/audit/chain.js';
import type { Harness, HarnessFactory } from '../store/harness.js';

export const auditInput = (i: number, over: Partial<AuditInput> = {}): AuditInput => ({
  at: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(),
  actor:
    i % 2
      ? {
          kind: 'agent',
          clientId: 'claude-desktop',
          person: { id: '00u1', login: 'ann@acme.test', displayName: 'Ann' },
        }
      : { kind: 'system', clientId: 'warden' },
  action: i % 3 === 0 ? 'request.created' : 'tool.call',
  tool: i % 3 === 0 ? 'request_group_add' : 'lookup_user',
  target: `user:00u${i % 4}`,
  args: { i, q: 'ann', nested: { list: [1, 2.5, 'x', null, true] } },
  decision: { effect: 'allow', rule: 'clients.claude-desktop.toolsets', policyHash: 'p1' },
  outcome: i % 5 === 0 ? 'error' : 'ok',
  durationMs: i * 1.4,
  ...(i % 3 === 0 ? { requestId: `req_${i}`, directoryRequestId: `okta-${i}` } : {}),
  ...over,
});

export function auditContract(name: string, factory: HarnessFactory): void {
  describe(`audit log: ${name}`, () => {
    let h: Harness;
    let log: AuditLog;
    beforeEach(async () => {
      h = await factory();
      log = createAuditLog(h.store);
    });
    afterEach(async () => h.dispose());

    const fill = async (n: number) => {
      for (let i = 1; i <= n; i++) await log.append(auditInput(i));
    };

    it('chains records from the genesis hash and verifies', async () => {
      expect(await log.verify()).toEqual({ ok: true, count: 0, headHash: GENESIS_HASH });
      const first = await log.append(auditInput(1));
      const second = await log.append(auditInput(2));
      expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
      expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
      expect(second.hash).toMatch(/^[0-9a-f]{64}$/);
      const batch = await log.appendBatch([auditInput(3), auditInput(4), auditInput(5)]);
      expect(batch.map((r) => r.seq)).toEqual([3, 4, 5]);
      expect(batch[0]!.prevHash).toBe(second.hash);
      const progress: number[] = [];
      expect(await log.verify({ onProgress: (p) => progress.push(p.count), progressEvery: 2, batchSize: 2 })).toEqual({
        ok: true,
        count: 5,
        headHash: batch[2]!.hash,
      });
      expect(progress).toEqual([2, 4, 5]);
      expect(await log.count()).toBe(5);
    });

    it('reads back exactly what was sealed', async () => {
      const written = await log.append(auditInput(3));
      const minimal = await log.append({
        actor: { kind: 'system', clientId: 'warden' },
        action: 'policy.reloaded',
        outcome: 'ok',
      });
      expect(await log.query()).toEqual([written, minimal]);
      expect(minimal).not.toHaveProperty('tool');
      expect(minimal.args).toEqual({});
    });

    it('stores JSON fields as the canonical bytes the hash covers, so verify need not re-serialize them', async () => {
      await log.append(
        auditInput(1, { targets: [{ type: 'user', id: '00u9', login: 'zoë@acme.test', name: 'Zoë Ng' }] }),
      );
      await log.append(auditInput(2, { args: { 'ü ключ': 'a\u2028b "q"', z: [{ b: 1, a: 2 }], n: -0.5 } }));
      await log.append({
        actor: { kind: 'person', clientId: 'web', person: { id: '00u2', login: '' } },
        action: 'x',
        outcome: 'ok',
      });
      // Every optional field at once.
      await log.append(
        auditInput(3, {
          errorCode: 'upstream_unavailable',
          requestId: 'req_1',
          directoryRequestId: 'okta-1',
          targets: [{ type: 'group', id: '00g1', name: 'Finance' }],
        }),
      );
      const rows = [];
      for await (const page of h.store.iterateAuditPages(1, 2)) rows.push(...page);
      expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
      for (const row of rows) expect(canonicalSealed(row)).toBe(canonicalRecord(recordOfSealed(row)));
      expect(rows.map(recordOfSealed)).toEqual(await log.query());
    });

    it('scrubs secrets from args before hashing', async () => {
      const r = await log.append(
        auditInput(1, {
          args: {
            user: 'ann',
            apiKey: 'k1',
            api_key: 'k2',
            Authorization: 'Bearer qwerty-secret',
            nested: { clientSecret: 's', password: 'p', privateKey: 'pk' },
            list: [{ accessToken: 't' }],
            note: 'Bearer eyJhbGciOiJIUzI1NiJ9.payload',
            nul: 'a\u0000b',
          },
        }),
      );
      expect(r.args).toEqual({
        user: 'ann',
        apiKey: '[redacted]',
        api_key: '[redacted]',
        Authorization: '[redacted]',
        nested: { clientSecret: '[redacted]', password: '[redacted]', privateKey: '[redacted]' },
        list: [{ accessToken: '[redacted]' }],
        note: '[redacted]',
        nul: 'a\ufffdb',
      });
      const stored = JSON.stringify(await log.query());
      // Not hex: record ids and hashes are random hex, where a hex-looking secret could appear by chance.
      for (const secret of ['k1', 'k2', 'qwerty', 'eyJhbGci']) expect(stored).not.toContain(secret);
      expect((await log.verify()).ok).toBe(true);
    });

    it('refuses UPDATE and DELETE through the append-only triggers', async () => {
      await fill(2);
      await expect(h.raw(`UPDATE audit_log SET outcome = 'ok' WHERE seq = 1`)).rejects.toThrow(/append-only/);
      await expect(h.raw(`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow(/append-only/);
    });

    describe('detects tampering (triggers removed first)', () => {
      beforeEach(async () => {
        await fill(10);
        await h.disableAppendOnly();
      });
      it('(a) an edited field', async () => {
        await h.raw(`UPDATE audit_log SET outcome = 'ok' WHERE seq = 5`);
        expect(await log.verify()).toMatchObject({
          ok: false,
          brokenAtSeq: 5,
          count: 4,
          reason: expect.stringMatching(/modified/),
        });
      });
      it('(a) an edited JSON argument', async () => {
        await h.raw(`UPDATE audit_log SET args = ? WHERE seq = 7`, [
          JSON.stringify({ i: 8, q: 'ann', nested: { list: [1, 2.5, 'x', null, true] } }),
        ]);
        expect(await log.verify()).toMatchObject({ ok: false, brokenAtSeq: 7 });
      });
      it('(a) an edited target', async () => {
        await h.raw(`UPDATE audit_log SET targets = ? WHERE seq = 6`, [
          JSON.stringify([{ id: '00u7', login: 'someone.else@acme.test', type: 'user' }]),
        ]);
        expect(await log.verify()).toMatchObject({ ok: false, brokenAtSeq: 6 });
      });
      it('(a) the same JSON argument written in other bytes is not an edit', async () => {
        await h.raw(`UPDATE audit_log SET args = ? WHERE seq = 7`, [
          '{ "nested": {"list": [1, 2.5, "x", null, true]}, "q": "ann", "i": 7 }',
        ]);
        expect(await log.verify()).toMatchObject({ ok: true, count: 10 });
      });
      it('(b) a deleted record', async () => {
        await h.raw(`DELETE FROM audit_log WHERE seq = 4`);
        expect(await log.verify()).toMatchObject({
          ok: false,
          brokenAtSeq: 4,
          count: 3,
          reason: expect.stringMatching(/missing/),
        });
      });
      it('(b) the first record deleted', async () => {
        await h.raw(`DELETE FROM audit_log WHERE seq = 1`);
        expect(await log.verify()).toMatchObject({ ok: false, brokenAtSeq: 1, count: 0 });
      });
      it('(b) records cut from the end', async () => {
        await h.raw(`DELETE FROM audit_log WHERE seq >= 9`);
        expect(await log.verify()).toMatchObject({ ok: false, brokenAtSeq: 9, count: 8 });
      });
      it('(b) a deleted record with later seqs renumbered', async () => {
        await h.raw(`DELETE FROM audit_log WHERE seq = 6`);
        for (let s = 7; s <= 10; s++) await h.raw(`UPDATE audit_log SET seq = ? WHERE seq = ?`, [s - 1, s]);
        await h.raw(`UPDATE audit_head SET seq = 9`);
        expect(await log.verify()).toMatchObject({ ok: false, brokenAtSeq: 6 });
      });
      it('(c) two records swapped', async () => {
        await h.raw(`UPDATE audit_log SET seq = -3 WHERE seq = 3`);
        await h.raw(`UPDATE audit_log SET seq = 3 WHERE seq = 8`);
        await h.raw(`UPDATE audit_log SET seq = 8 WHERE seq = -3`);
        expect(await log.verify()).toMatchObject({ ok: false, brokenAtSeq: 3, count: 2 });
      });
      it("(d) the last record's hash edited", async () => {
        await h.raw(`UPDATE audit_log SET hash = ? WHERE seq = 10`, ['f'.repeat(64)]);
        expect(await log.verify()).toMatchObject({ ok: false, brokenAtSeq: 10, count: 9 });
      });
      it('(d) a middle hash rewritten consistently is caught at the next link', async () => {
        await h.raw(`UPDATE audit_log SET outcome = 'denied' WHERE seq = 5`);
        const [r5] = await log.query({ afterSeq: 4, limit: 1 });
        const { hashRecord } = await import('../../src/audit/index.js');
        await h.raw(`UPDATE audit_log SET hash = ? WHERE seq = 5`, [hashRecord(r5!)]);
        expect(await log.verify()).toMatchObject({
          ok: false,
          brokenAtSeq: 6,
          reason: expect.stringMatching(/prevHash/),
        });
      });
    });

    it('queries with filters and keyset cursors', async () => {
      await fill(12);
      expect((await log.query({ actorClient: 'claude-desktop' })).map((r) => r.seq)).toEqual([1, 3, 5, 7, 9, 11]);
      expect((await log.query({ actorPerson: 'ann@acme.test', tool: 'request_group_add' })).map((r) => r.seq)).toEqual([
        3, 9,
      ]);
      expect((await log.query({ actorPerson: '00u1', outcome: 'error' })).map((r) => r.seq)).toEqual([5]);
      expect((await log.query({ target: 'user:00u0', action: 'request.created' })).map((r) => r.seq)).toEqual([12]);
      expect((await log.query({ since: auditInput(4).at, until: auditInput(7).at })).map((r) => r.seq)).toEqual([
        4, 5, 6,
      ]);
      expect((await log.query({ order: 'desc', limit: 3 })).map((r) => r.seq)).toEqual([12, 11, 10]);
      expect((await log.query({ order: 'desc', beforeSeq: 10, limit: 2 })).map((r) => r.seq)).toEqual([9, 8]);
      expect((await log.query({ afterSeq: 10 })).map((r) => r.seq)).toEqual([11, 12]);
      expect((await log.query({ requestId: 'req_6' })).map((r) => r.seq)).toEqual([6]);
    });

    it('exports JSON lines from a since bound', async () => {
      await fill(7);
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (c: Buffer) => chunks.push(c));
      expect(await log.exportJsonl(out, { since: auditInput(3).at, pageSize: 2 })).toEqual({ count: 5, lastSeq: 7 });
      const lines = Buffer.concat(chunks)
        .toString('utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { seq: number; hash: string });
      expect(lines.map((l) => l.seq)).toEqual([3, 4, 5, 6, 7]);
      expect(lines[4]!.hash).toBe((await log.head()).hash);
    });

    it('group-commits concurrent appends in call order, and a failed batch does not poison the next', async () => {
      const records = await Promise.all(Array.from({ length: 50 }, (_, i) => log.append(auditInput(i + 1))));
      expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect((await log.query({ limit: 100 })).map((r) => r.args.i)).toEqual(
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
      const bad = { ...auditInput(51), actor: { kind: 'agent', clientId: null } } as unknown as AuditInput;
      await expect(log.append(bad)).rejects.toThrow();
      expect(await log.append(auditInput(52))).toMatchObject({ seq: 51 });
      // A bad record in the same batch as good ones fails alone.
      const mixed = await Promise.allSettled([log.append(auditInput(53)), log.append(bad), log.append(auditInput(54))]);
      expect(mixed.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((await log.query({ afterSeq: 51 })).map((r) => r.args.i)).toEqual([53, 54]);
      const plain = createAuditLog(h.store, { groupCommit: false });
      expect(await plain.append(auditInput(55))).toMatchObject({ seq: 54 });
      expect(await log.verify()).toMatchObject({ ok: true, count: 54 });
    });

    it('keeps one linear chain under concurrent appends from two connections', async () => {
      const other = createAuditLog(await h.openAnother());
      await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? other : log).append(auditInput(i + 1))));
      expect(await log.verify()).toMatchObject({ ok: true, count: 40 });
    });
  });
}
