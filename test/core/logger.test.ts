// The process logger removes tokens, keys and passwords wherever they appear in a log line.
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../support/harness.js';

describe('createLogger redaction', () => {
  it('censors secrets at the top level, one level down and in request headers', async () => {
    const { log, lines } = memoryLogger();
    log.info({ token: 'tok-1', apiKey: 'key-2', upstream: { password: 'pw-3', authorization: 'SSWS abc-4' }, req: { headers: { authorization: 'Bearer wdn_5', cookie: 'sid=6' } } }, 'call');
    await new Promise((r) => setImmediate(r));
    const line = lines.join('');
    expect(line).toContain('"msg":"call"');
    for (const secret of ['tok-1', 'key-2', 'pw-3', 'abc-4', 'wdn_5', 'sid=6']) expect(line).not.toContain(secret);
    expect(line).toContain('[redacted]');
  });
});
