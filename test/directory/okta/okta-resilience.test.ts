// Rate limits, retries and failures: 429 storms, 5xx, network errors, bad credentials, pacing before a 429.
import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError, RateLimitedError, UpstreamUnavailableError } from '../../../src/core/errors.js';
import { createOktaDirectory } from '../../../src/directory/okta/index.js';
import { isolateOktaSdk } from '../../support/okta-env.js';
import { groupId, userId } from '../../support/okta-fixture.js';
import { startHarness, type Harness } from './helpers.js';

isolateOktaSdk();
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.dir.resetStats();
  h.emu.resetCalls();
});

describe('okta adapter: retries', () => {
  it('rides out a 429 storm by waiting for X-Rate-Limit-Reset, then succeeds', async () => {
    h.emu.failNext(429, 3);
    const started = Date.now();
    const u = await h.dir.getUser(userId(1));
    expect(u?.id).toBe(userId(1));
    expect(h.emu.calls.map((c) => c.status)).toEqual([429, 429, 429, 200]);
    expect(h.dir.stats()).toMatchObject({ calls: 4, retries: 3 });
    expect(Date.now() - started).toBeLessThan(6_000);
  });

  it('gives up on a 429 that outlasts the retries with rate_limited and a retry hint', async () => {
    const d = createOktaDirectory({ orgUrl: h.emu.url, token: h.emu.token, maxRetries: 1, retryBaseMs: 10 });
    h.emu.failNext(429, 2);
    const err = await d.getUser(userId(1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).message).toMatch(/rate-limiting/);
    expect((err as RateLimitedError).hint).toMatch(/Try again in about \d+ seconds/);
  });

  it('retries a 500 and succeeds', async () => {
    h.emu.failNext(500, 1);
    expect((await h.dir.getGroup(groupId(2)))?.name).toBe('Finance');
    expect(h.emu.calls.map((c) => c.status)).toEqual([500, 200]);
    expect(h.dir.stats().retries).toBe(1);
  });

  it('turns a persistent 503 into upstream_unavailable with a clean message after bounded attempts', async () => {
    h.emu.failNext(503, 5);
    const err = await h.dir.listApps().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamUnavailableError);
    const e = err as UpstreamUnavailableError;
    expect(e.message).toBe('Okta is unavailable (HTTP 503); could not list apps.');
    expect(e.toJSON().error).toMatchObject({
      code: 'upstream_unavailable',
      details: { oktaStatus: 503, oktaErrorCode: 'E0000089' },
    });
    expect(h.emu.calls).toHaveLength(5); // 1 + maxRetries (4)
    expect(JSON.stringify(e.toJSON())).not.toMatch(/Service unavailable|127\.0\.0\.1|errorSummary/);
    expect((await h.dir.listApps()).length).toBe(4); // the next call is served again
  });

  it('retries network errors and then reports that Okta cannot be reached', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const d = createOktaDirectory({
      orgUrl: `http://127.0.0.1:${port}`,
      token: 'unused',
      maxRetries: 2,
      retryBaseMs: 5,
    });
    const err = await d.getUser(userId(1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamUnavailableError);
    expect((err as Error).message).toBe(
      'Warden could not reach Okta to look up user "00uFx000000000000001" (network error or timeout).',
    );
    expect(d.stats()).toMatchObject({ calls: 3, retries: 2 });
  });
});

describe('okta adapter: errors', () => {
  it('maps a 404 to null for lookups and to not_found elsewhere', async () => {
    expect(await h.dir.getUser('00uNobodyNobody12345')).toBeNull();
    await expect(h.dir.listGroupMembers('00gNobodyNobody12345', {})).rejects.toThrow(
      new NotFoundError('No group with id 00gNobodyNobody12345.'),
    );
    await expect(h.dir.suspendUser('00uNobodyNobody12345')).rejects.toThrow('No user with id 00uNobodyNobody12345.');
  });

  it('reports a bad token as invalid credentials without echoing the token, and does not retry it', async () => {
    const secret = 'ssws-SuperSecretToken-123';
    const d = createOktaDirectory({ orgUrl: h.emu.url, token: secret });
    const err = await d.getUser(userId(1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamUnavailableError);
    const e = err as UpstreamUnavailableError;
    expect(e.message).toMatch(/Okta rejected Warden's credentials/);
    expect(e.hint).toMatch(/administrator/);
    expect(JSON.stringify({ m: e.message, j: e.toJSON(), s: e.stack })).not.toContain(secret);
    expect(d.stats().calls).toBe(1);
  });
});

describe('okta adapter: pacing', () => {
  it('slows down before the limit instead of collecting 429s', async () => {
    const paced = await startHarness({ emulator: { rateLimit: { limit: 5, windowSeconds: 1 } } });
    try {
      const started = Date.now();
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await paced.dir.findUsers({ limit: 3, cursor });
        ids.push(...page.items.map((u) => u.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(ids).toHaveLength(25);
      expect(new Set(ids).size).toBe(25);
      expect(paced.emu.state.rateLimited).toBe(0);
      expect(paced.emu.calls.every((c) => c.status === 200)).toBe(true);
      expect(paced.dir.stats().throttledMs).toBeGreaterThan(0);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_000); // 9 calls at 5 a second
    } finally {
      await paced.close();
    }
  });
});
