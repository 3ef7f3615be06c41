// Group commit keeps every record, in order, and each caller waits for its own record to be written.
import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.js';
import { createAuditLog } from '../../src/audit/index.js';
import { batchedAuditSink } from '../../src/governance/audit-batcher.js';

const rec = (i: number) => ({ actor: { kind: 'agent' as const, clientId: 'c' }, action: 'tool.call', tool: `t${i}`, outcome: 'ok' });

describe('batchedAuditSink', () => {
  it('writes concurrent appends in few transactions, all durable when each call resolves, chain valid', async () => {
    const store = await createStore({ kind: 'sqlite', path: ':memory:' });
    const audit = createAuditLog(store);
    let batches = 0;
    const sink = batchedAuditSink({ appendBatch: async (xs) => { batches++; return audit.appendBatch(xs); } });
    await Promise.all(Array.from({ length: 100 }, async (_, i) => {
      await sink.append(rec(i));
      expect((await audit.query({ tool: `t${i}` })).length).toBe(1);
    }));
    expect(await audit.count()).toBe(100);
    expect(batches).toBeLessThan(10);
    expect((await audit.query({ limit: 100 })).map((r) => r.tool)).toEqual(Array.from({ length: 100 }, (_, i) => `t${i}`));
    expect((await audit.verify()).ok).toBe(true);
    await store.close();
  });

  it('fails every caller of a batch that could not be written', async () => {
    const sink = batchedAuditSink({ appendBatch: async () => { throw new Error('disk full'); } });
    await expect(Promise.all([sink.append(rec(1)), sink.append(rec(2))])).rejects.toThrow('disk full');
  });
});
