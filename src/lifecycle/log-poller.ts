// Polling fallback for orgs that cannot reach Warden: reads the directory's event log from a stored cursor into the same jobs.
import type { Logger } from 'pino';
import type { DirectoryPort } from '../core/directory.js';
import type { Store } from '../core/store.js';
import { isUnavailable } from '../core/errors.js';
import { acceptEvents } from './event-intake.js';

export interface LogPollerOptions {
  directory: Pick<DirectoryPort, 'readEventLog'>;
  store: Store;
  log: Logger;
  /** Between polls when caught up (default 60 s). */
  intervalMs?: number;
  /** Events per page (default 200). */
  pageSize?: number;
  onQueued?: () => void;
  /** Meta key of the cursor (default `lifecycle:okta-log:cursor`). */
  cursorKey?: string;
}

export interface LogPoller {
  /** Reads every page available now; returns the number of new events queued. */
  pollOnce(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

export function createLogPoller(opts: LogPollerOptions): LogPoller {
  const key = opts.cursorKey ?? 'lifecycle:okta-log:cursor';
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;

  async function pollOnce(): Promise<number> {
    let queued = 0;
    for (let page = 0; page < 1_000; page++) {
      const cursor = (await opts.store.getMeta(key)) ?? undefined;
      const r = await opts.directory.readEventLog({ cursor, limit: opts.pageSize ?? 200 });
      // Events are queued before the cursor moves: a crash in between re-reads them, and the ledger drops the repeats.
      if (r.events.length)
        queued += (await acceptEvents(opts.store, r.events, { source: 'okta-log', delayMs: 0 })).accepted;
      if (r.cursor !== cursor) await opts.store.setMeta(key, r.cursor);
      if (r.events.length < (opts.pageSize ?? 200)) break;
    }
    if (queued) opts.onQueued?.();
    return queued;
  }

  const tick = async () => {
    // A store outage is logged once by the store; the next poll picks up from the stored cursor.
    running = pollOnce().catch((err) =>
      (isUnavailable(err) ? opts.log.debug : opts.log.warn).call(
        opts.log,
        { err },
        'event log poll failed; will retry',
      ),
    );
    await running;
    if (!stopped) timer = setTimeout(tick, opts.intervalMs ?? 60_000);
  };

  return {
    pollOnce,
    start() {
      if (stopped) {
        stopped = false;
        void tick();
      }
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
