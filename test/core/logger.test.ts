// The process logger removes tokens, keys and passwords wherever they appear in a log line.
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../support/harness.js';

describe('createLogger redaction', () => {
  it('censors secrets at the top level, one level down and in request headers', async () => {
    const { log, lines } = memoryLogger();
    log.info(
      {
        token: 'tok-1',
        apiKey: 'key-2',
        upstream: { password: 'pw-3', authorization: 'SSWS abc-4' },
        req: { headers: { authorization: 'Bearer wdn_5', cookie: 'sid=6' } },
      },
      'call',
    );
    await new Promise((r) => setImmediate(r));
    const line = lines.join('');
    expect(line).toContain('"msg":"call"');
    for (const secret of ['tok-1', 'key-2', 'pw-3', 'abc-4', 'wdn_5', 'sid=6']) expect(line).not.toContain(secret);
    expect(line).toContain('[redacted]');
  });
});

describe('createLogger errors', () => {
  it('logs an error as type, message, code and cause, never a stack trace, and scrubs credentials it quotes', async () => {
    const { log, lines } = memoryLogger();
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const err = Object.assign(
      new Error(
        'Okta said 401 for Authorization: SSWS 00abcSECRETtoken at https://acme.okta.com/api/v1/users?token=zzz999&limit=2',
      ),
      { status: 401, cause },
    );
    log.error({ err }, 'directory call failed');
    log.warn({ error: new TypeError('bad wdn_live_abc123 key') }, 'other');
    await new Promise((r) => setImmediate(r));
    const [first, second] = lines
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>);
    expect(first!.err).toEqual({
      type: 'Error',
      status: 401,
      message:
        'Okta said 401 for Authorization: SSWS [redacted] at https://acme.okta.com/api/v1/users?token=[redacted]&limit=2',
      cause: { type: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:5432', code: 'ECONNREFUSED' },
    });
    expect(second!.error).toEqual({ type: 'TypeError', message: 'bad [redacted] key' });
    expect(lines.join('')).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack frames
  });
});
