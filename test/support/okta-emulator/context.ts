// What every emulator route gets: shared state, the public base URL and typed context variables.
import type { Context } from 'hono';
import type { EventContext } from './events.js';
import type { EmulatorState } from './state.js';

export interface Emu {
  state: EmulatorState;
  /** `http://127.0.0.1:PORT`, known once the server listens. */
  url: string;
  /** Overrides for every paged list: the page size when `limit` is absent, and a cap on `limit`. */
  paging: { pageSizeDefault?: number; pageSizeMax?: number };
}

export type EmuEnv = { Variables: { query: Map<string, string>; requestId: string } };
export type EmuContext = Context<EmuEnv>;

/** Audit context for log events made by this request. */
export function eventContext(c: EmuContext): EventContext {
  return {
    requestId: c.get('requestId'),
    requestUri: new URL(c.req.url).pathname,
    userAgent: c.req.header('user-agent') ?? '',
  };
}
