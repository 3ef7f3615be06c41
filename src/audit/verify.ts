// Streaming chain verification: recomputes every hash and link, and reports the first broken record.
import type { SealedAuditRow } from '../core/audit.js';
import type { Store } from '../core/store.js';
import { GENESIS_HASH, sealedRowIntact } from './chain.js';

export type VerifyResult =
  | { ok: true; count: number; headHash: string }
  | { ok: false; brokenAtSeq: number; reason: string; count: number };

export interface VerifyOptions {
  /** Called every `progressEvery` records with how many were checked so far. */
  onProgress?: (p: { count: number; seq: number; total: number }) => void;
  progressEvery?: number;
  batchSize?: number;
  /** Start after this record, trusting it (a record an earlier full pass verified): checks only what came after. */
  after?: { seq: number; hash: string };
  /**
   * Heads signed earlier (see checkpoint.ts): the chain must still hold `headHash` at record `count`. This is what
   * catches records cut from the end when the head row was rewritten too; without checkpoints verify can only
   * compare the records with the head row stored beside them.
   */
  checkpoints?: ReadonlyArray<{ count: number; headHash: string; label: string }>;
}

/** Checks one record against the previous hash and the seq it should have; returns why it is broken, if it is. */
function check(r: SealedAuditRow, expectedSeq: number, prevHash: string): string | null {
  if (r.seq !== expectedSeq) return `record ${expectedSeq} is missing (the next record found is ${r.seq})`;
  if (r.prevHash !== prevHash)
    return `record ${r.seq} does not link to record ${r.seq - 1} (prevHash mismatch: a record was removed, reordered or rewritten)`;
  if (!sealedRowIntact(r)) return `record ${r.seq} was modified (its content no longer matches its hash)`;
  return null;
}

/**
 * Recomputes the chain from seq 1 up to the head as it was when verification began (records
 * appended meanwhile are left for the next run), in one streaming pass. Editing any field,
 * deleting, reordering, or cutting records from the end all fail.
 */
export async function verifyAuditChain(store: Store, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const { onProgress, progressEvery = 100_000, batchSize = 1_000, after } = opts;
  const head = await store.getAuditHead();
  let prevHash = after?.hash ?? GENESIS_HASH;
  let count = after?.seq ?? 0;
  if (head.seq < count)
    return {
      ok: false,
      brokenAtSeq: head.seq + 1,
      reason: `records ${head.seq + 1}..${count} are missing (they were verified earlier)`,
      count: head.seq,
    };
  const checkpoints = new Map<number, Array<{ headHash: string; label: string }>>();
  for (const c of opts.checkpoints ?? [])
    if (c.count >= count) checkpoints.set(c.count, [...(checkpoints.get(c.count) ?? []), c]);
  const atCheckpoint = (): VerifyResult | null => {
    for (const c of checkpoints.get(count) ?? []) {
      if (c.headHash !== prevHash)
        return {
          ok: false,
          brokenAtSeq: count,
          reason: `record ${count} is not the one checkpoint ${c.label} signed (its hash differs): the log was rewritten up to record ${count}`,
          count: count - 1,
        };
    }
    return null;
  };
  const cut = atCheckpoint();
  if (cut) return cut;
  pages: for await (const page of store.iterateAuditPages(count + 1, batchSize)) {
    for (const record of page) {
      if (record.seq > head.seq && count === head.seq) break pages;
      const reason = check(record, count + 1, prevHash);
      if (reason) return { ok: false, brokenAtSeq: count + 1, reason, count };
      prevHash = record.hash;
      count++;
      if (checkpoints.size > 0) {
        const bad = atCheckpoint();
        if (bad) return bad;
      }
      if (onProgress && count % progressEvery === 0) onProgress({ count, seq: record.seq, total: head.seq });
    }
  }
  if (count < head.seq) {
    return {
      ok: false,
      brokenAtSeq: count + 1,
      reason: `records ${count + 1}..${head.seq} are missing (the chain head says ${head.seq} records)`,
      count,
    };
  }
  if (head.hash !== prevHash) {
    return { ok: false, brokenAtSeq: head.seq, reason: `record ${head.seq} does not match the chain head hash`, count };
  }
  const beyond = Math.max(-1, ...checkpoints.keys());
  if (beyond > count) {
    const c = checkpoints.get(beyond)![0]!;
    return {
      ok: false,
      brokenAtSeq: count + 1,
      count,
      reason: `checkpoint ${c.label} was signed over ${beyond} records but the log now ends at record ${count}: records ${count + 1}..${beyond} were removed (and the chain head rewritten to hide it)`,
    };
  }
  if (onProgress && count % progressEvery !== 0) onProgress({ count, seq: head.seq, total: head.seq });
  return { ok: true, count, headHash: prevHash };
}
