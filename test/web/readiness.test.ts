// /readyz's probe: shared by concurrent callers, cached briefly after it settles, and bounded in time.
import { describe, expect, it } from 'vitest';
import { UnavailableError } from '../../src/core/errors.js';
import { createReadiness } from '../../src/web/unavailable.js';

describe('createReadiness', () => {
  it('shares one check between concurrent callers and reuses its result for cacheMs', async () => {
    let t = 0;
    let checks = 0;
    const ready = createReadiness({
      check: async () => {
        checks++;
      },
      cacheMs: 1000,
      now: () => t,
    });
    expect(await Promise.all([ready(), ready(), ready()])).toEqual([{ ready: true }, { ready: true }, { ready: true }]);
    t = 999;
    await ready();
    expect(checks).toBe(1);
    t = 2000;
    await ready();
    expect(checks).toBe(2);
  });

  it('is not ready when the store is unavailable, or does not answer within timeoutMs', async () => {
    const down = createReadiness({
      check: () => Promise.reject(new UnavailableError('Warden cannot reach its database right now.')),
    });
    expect(await down()).toEqual({ ready: false, reason: 'Warden cannot reach its database right now.' });
    const hung = createReadiness({ check: () => new Promise(() => {}), timeoutMs: 50 });
    expect(await hung()).toMatchObject({ ready: false, reason: expect.stringMatching(/did not answer within 50 ms/) });
  });
});
