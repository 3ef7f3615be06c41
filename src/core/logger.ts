// pino logger factory: JSON lines, secrets and hidden fields removed by `redact`.
import pino, { type Logger } from 'pino';

/** Paths pino removes from every log line, wherever they appear. */
export const REDACT_PATHS = [
  'token', 'apiKey', 'api_key', 'password', 'secret', 'authorization', 'privateKey', 'accessToken', 'access_token', 'clientSecret',
  '*.token', '*.apiKey', '*.api_key', '*.password', '*.secret', '*.authorization', '*.privateKey', '*.accessToken', '*.access_token', '*.clientSecret',
  'req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie',
];

/** Creates the process logger. Logs go to stderr (stdout belongs to MCP stdio). */
export function createLogger(opts: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    { level: opts.level ?? 'info', base: { app: 'warden' }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    opts.destination ?? pino.destination({ fd: 2, sync: false }),
  );
}
