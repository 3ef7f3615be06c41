// pino logger factory: JSON lines, secrets and hidden fields removed by `redact`.
import pino, { type Logger } from 'pino';

/** Paths pino removes from every log line, wherever they appear. */
export const REDACT_PATHS = [
  'token',
  'apiKey',
  'api_key',
  'password',
  'secret',
  'authorization',
  'privateKey',
  'accessToken',
  'access_token',
  'clientSecret',
  '*.token',
  '*.apiKey',
  '*.api_key',
  '*.password',
  '*.secret',
  '*.authorization',
  '*.privateKey',
  '*.accessToken',
  '*.access_token',
  '*.clientSecret',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
];

/** Credentials that error messages can quote (an SDK echoing a header, a URL with a token in it). */
const SECRET_IN_TEXT =
  /\b(SSWS|Bearer|Basic)\s+[\w.~+/=-]+|\b(wdn_|sk-)[\w-]+|([?&](?:token|access_token|api_key|key|secret|code|client_secret)=)[^&\s]+/gi;

/** Removes credentials from free text. */
export const scrubCredentialsInText = (text: string): string =>
  text.replace(SECRET_IN_TEXT, (m, scheme: string | undefined, _prefix, param: string | undefined) =>
    scheme ? `${scheme} [redacted]` : param ? `${param}[redacted]` : '[redacted]',
  );

/**
 * Errors are logged as what happened (type, message, code, HTTP status, cause), never as a stack trace:
 * a log is read by people and shipped to other systems, and a stack says how the code is laid out
 * without saying what to do. Credentials quoted in a message are removed.
 */
export function serializeError(err: unknown, depth = 0): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: scrubCredentialsInText(String(err)) };
  const e = err as Error & { code?: unknown; status?: unknown; errorCode?: unknown; cause?: unknown };
  const out: Record<string, unknown> = { type: e.name, message: scrubCredentialsInText(e.message) };
  for (const k of ['code', 'status', 'errorCode'] as const)
    if (typeof e[k] === 'string' || typeof e[k] === 'number') out[k] = e[k];
  if (e.cause !== undefined && depth < 3) out.cause = serializeError(e.cause, depth + 1);
  return out;
}

/** Creates the process logger. Logs go to stderr (stdout belongs to MCP stdio). */
export function createLogger(opts: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      base: { app: 'warden' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError, error: serializeError },
    },
    opts.destination ?? pino.destination({ fd: 2, sync: false }),
  );
}
