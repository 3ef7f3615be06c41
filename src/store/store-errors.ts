// The one place driver errors (PostgreSQL, SQLite, sockets) become `unavailable`: a clear cause, a retry hint, no driver text.
import { UnavailableError } from '../core/errors.js';

/** What a driver error means for the store. */
export interface StoreFault {
  error: UnavailableError;
  /** The server could not be reached at all (connect refused or timed out, starting up, no free slots): later calls may fail fast. */
  unreachable: boolean;
  /** The connection it came from is unusable: discard it instead of returning it to the pool. */
  connectionLost: boolean;
}

interface Cause {
  message: string;
  hint?: string;
  retryAfterSeconds: number;
  unreachable?: boolean;
  connectionLost?: boolean;
}

const down = (message: string, more: Partial<Cause> = {}): Cause => ({
  message,
  retryAfterSeconds: 5,
  unreachable: true,
  connectionLost: true,
  ...more,
});
const operator = 'Tell the Warden operators; this does not clear up by retrying alone.';

const UNREACHABLE: Cause = down('Warden cannot reach its database right now.');
const LOST: Cause = down('Warden lost its connection to its database (restart or failover).', {
  retryAfterSeconds: 2,
  unreachable: false,
});
const SLOW: Cause = down("Warden's database did not answer in time.", { retryAfterSeconds: 5 });

/** PostgreSQL SQLSTATE codes (see the PostgreSQL manual, appendix A). */
const PG_CODES: Record<string, Cause> = {
  '57P01': LOST, // admin_shutdown: pg_terminate_backend, or a fast shutdown
  '57P02': down("Warden's database crashed and is restarting."),
  '57P03': down("Warden's database is starting up or shutting down."),
  '57P05': LOST, // idle_session_timeout
  '25P03': LOST, // idle_in_transaction_session_timeout
  '57014': { ...SLOW, connectionLost: false, unreachable: false }, // statement_timeout (or a cancel)
  '55P03': { message: "Warden's database is busy (a lock could not be taken in time).", retryAfterSeconds: 2 },
  '53300': down("Warden's database has no free connections."),
  '53100': { message: "The disk of Warden's database server is full.", hint: operator, retryAfterSeconds: 30 },
  '53200': { message: "Warden's database server is out of memory.", retryAfterSeconds: 10 },
  '25006': { message: "Warden's database is read-only (a standby, or failover in progress).", retryAfterSeconds: 5 },
};

/** Socket errors (`err.code`). */
const NET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
]);

/** node-postgres and pg-pool raise these as plain Errors, recognisable only by their message. */
const PG_MESSAGES: Array<[RegExp, Cause]> = [
  [
    /^Connection terminated due to connection timeout|^timeout expired$|timeout exceeded when trying to connect/i,
    { ...UNREACHABLE, message: 'Warden could not connect to its database in time.' },
  ],
  [/^Connection terminated/i, LOST],
  [/^Query read timeout$/i, SLOW],
  [/not queryable|Client has encountered a connection error/i, LOST],
  [/^Cannot use a pool after calling end/i, down('Warden is shutting down.', { unreachable: false })],
];

/** SQLite result codes (better-sqlite3 sets `err.code`, extended codes start with the primary one). */
const SQLITE_CODES: Array<[string, Cause]> = [
  [
    'SQLITE_BUSY',
    {
      message: 'The database is locked by another process.',
      hint: 'Retry in a few seconds; if it persists, look for a process holding the database open in a transaction.',
      retryAfterSeconds: 2,
    },
  ],
  ['SQLITE_LOCKED', { message: 'The database is locked.', retryAfterSeconds: 2 }],
  [
    'SQLITE_READONLY',
    {
      message: 'The database is read-only: Warden cannot record anything, so it answers nothing.',
      hint: `${operator} (check the database file's permissions and filesystem).`,
      retryAfterSeconds: 30,
    },
  ],
  [
    'SQLITE_FULL',
    {
      message: 'The disk holding the database is full.',
      hint: `${operator} (free disk space).`,
      retryAfterSeconds: 30,
    },
  ],
  [
    'SQLITE_IOERR',
    { message: 'The database file could not be read or written (I/O error).', hint: operator, retryAfterSeconds: 30 },
  ],
  [
    'SQLITE_CANTOPEN',
    {
      message: 'The database file cannot be opened.',
      hint: `${operator} (check that the data directory exists and is accessible).`,
      retryAfterSeconds: 30,
    },
  ],
];

function causeOf(err: unknown): Cause | undefined {
  if (!(err instanceof Error)) return undefined;
  const code = String((err as { code?: unknown }).code ?? '');
  if (code.startsWith('SQLITE_')) return SQLITE_CODES.find(([prefix]) => code.startsWith(prefix))?.[1];
  if (PG_CODES[code]) return PG_CODES[code];
  if (/^08[0-9A-Z]{3}$/.test(code)) return code === '08001' || code === '08004' ? UNREACHABLE : LOST; // connection_exception class
  if (NET_CODES.has(code)) return code === 'ECONNRESET' || code === 'EPIPE' ? LOST : UNREACHABLE;
  if (code === '' || code === 'ERR_STREAM_DESTROYED')
    for (const [re, cause] of PG_MESSAGES) if (re.test(err.message)) return cause;
  // AggregateError (several addresses refused) and errors wrapping another.
  const inner = (err as { errors?: unknown[] }).errors?.[0] ?? (err as { cause?: unknown }).cause;
  return inner && inner !== err ? causeOf(inner) : undefined;
}

/** The `unavailable` meaning of a driver error, or undefined when it is something else (a constraint, a bug) to pass on as is. */
export function classifyStoreError(err: unknown): StoreFault | undefined {
  if (err instanceof UnavailableError) return { error: err, unreachable: false, connectionLost: false };
  const c = causeOf(err);
  if (!c) return undefined;
  const error = new UnavailableError(c.message, { hint: c.hint, retryAfterSeconds: c.retryAfterSeconds, cause: err });
  return { error, unreachable: !!c.unreachable, connectionLost: !!c.connectionLost };
}

/** The error a driver throws in place of a classified one (others pass through unchanged). */
export const toStoreError = (err: unknown): unknown => classifyStoreError(err)?.error ?? err;

/** A COMMIT whose answer was lost: the transaction may or may not have been saved, so it is never reported as done. */
export const commitUnknown = (cause: unknown): UnavailableError =>
  new UnavailableError('Warden lost its database connection while saving; the change may or may not have been saved.', {
    hint: 'Check the current state (for example with get_request or list_requests) before retrying.',
    retryAfterSeconds: 2,
    details: { outcome: 'unknown' },
    cause,
  });
