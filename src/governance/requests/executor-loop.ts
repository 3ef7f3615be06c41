// The executor's background loop: one tick (resume + sweep) every interval, waiting longer while the store is unavailable.
import type { Logger } from 'pino';
import { isAppError } from '../../core/errors.js';

export interface ExecutorLoopDeps {
  /** One round of work (resume, then sweep). */
  tick: () => Promise<unknown>;
  /** Resolves once the work in flight has settled (awaited on stop). */
  settle: () => Promise<unknown>;
  log: Logger;
}

/** Runs `tick` every `intervalMs` until stopped; while the store is unavailable, backs off (up to 10 s or the interval) and resumes when it returns. */
export function startExecutorLoop(deps: ExecutorLoopDeps, intervalMs = 5_000): { stop(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let outages = 0;
  const tick = async () => {
    try {
      await deps.tick();
      outages = 0;
    } catch (err) {
      // The store logs the outage once; a tick that meets it only waits longer.
      if (isAppError(err) && err.code === 'unavailable') outages++;
      else deps.log.error({ err }, 'executor tick failed');
    }
    if (!stopped)
      timer = setTimeout(
        tick,
        outages ? Math.min(Math.max(intervalMs, 10_000), intervalMs * 2 ** outages) : intervalMs,
      );
  };
  void tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await deps.settle();
    },
  };
}
