// Chain status for pages: a full verification pass when it is cheap or due, and between passes a check of
// every record appended since the last one. A million records take ~30 s to verify; a page cannot wait that
// long on every view, and a cached "verified" alone would hide what changed since. So the status says
// both: when the whole chain was last verified, and that everything after it was verified just now.
import type { Logger } from 'pino';
import type { Store } from '../core/store.js';
import { isUnavailable } from '../core/errors.js';
import { verifyAuditChain, type VerifyResult } from './verify.js';

export interface FullPass {
  at: string;
  ms: number;
  result: VerifyResult;
}

export interface ChainStatus {
  /** The latest completed full pass (from record 1), if any. */
  full?: FullPass;
  /** Records after the full pass's head, verified by this call (absent when the full pass found the chain broken). */
  since?: VerifyResult;
  /** A full pass is running in the background. */
  running: boolean;
}

export interface ChainMonitorOptions {
  store: Store;
  log: Logger;
  /** A full pass older than this is redone (in the background when the chain is large). Default 10 minutes. */
  maxAgeMs?: number;
  /** Chains up to this many records are verified in full on every call. Default 50,000 (~1.5 s). */
  inlineLimit?: number;
  now?: () => number;
}

export interface ChainMonitor {
  status(): Promise<ChainStatus>;
  /** Runs a full pass now (joins one already running) and returns it. */
  verifyFull(): Promise<FullPass>;
}

export function createChainMonitor(o: ChainMonitorOptions): ChainMonitor {
  const now = o.now ?? Date.now;
  const maxAge = o.maxAgeMs ?? 10 * 60_000;
  const inlineLimit = o.inlineLimit ?? 50_000;
  let last: { pass: FullPass; t: number } | undefined;
  let running: Promise<FullPass> | undefined;

  function verifyFull(): Promise<FullPass> {
    running ??= (async () => {
      const t0 = now();
      const result = await verifyAuditChain(o.store);
      const pass = { at: new Date(t0).toISOString(), ms: now() - t0, result };
      if (!result.ok && (last?.pass.result.ok ?? true))
        o.log.error({ brokenAtSeq: result.brokenAtSeq, reason: result.reason }, 'audit chain verification failed');
      last = { pass, t: t0 };
      return pass;
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  async function status(): Promise<ChainStatus> {
    const head = await o.store.getAuditHead();
    if (head.seq <= inlineLimit || !last) await verifyFull();
    else if (now() - last.t > maxAge)
      verifyFull().catch((err) =>
        (isUnavailable(err) ? o.log.debug : o.log.error).call(
          o.log,
          { err },
          'background audit chain verification failed',
        ),
      );
    const full = last!.pass;
    if (!full.result.ok) return { full, running: !!running };
    const since = await verifyAuditChain(o.store, { after: { seq: full.result.count, hash: full.result.headHash } });
    return { full, since, running: !!running };
  }

  return { status, verifyFull };
}
