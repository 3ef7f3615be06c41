// The SCIM adapter against the scimmy-built app over HTTP: find, create, (de)activate, delete, group PATCH, paging, probe, faults.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScimClient } from '../../src/connectors/scim/scim-client.js';
import { startScimApp, type TestScimApp } from '../support/scim-app/index.js';

const TOKEN = 'scim-test-token-0123456789';
let app: TestScimApp;
beforeAll(async () => {
  app = await startScimApp({ token: TOKEN });
});
afterAll(async () => {
  await app.close();
});

const client = (over: Partial<Parameters<typeof createScimClient>[0]> = {}) =>
  createScimClient({ app: 'Jira', baseUrl: app.url, token: TOKEN, baseDelayMs: 10, ...over });

describe('SCIM client', () => {
  it('creates, finds by externalId and userName, deactivates, reactivates and deletes an account', async () => {
    const c = client();
    expect(await c.findAccount({ externalId: '00u1', userName: 'dana@acme.example' })).toBeNull();
    const a = await c.createAccount({
      userName: 'dana@acme.example',
      externalId: '00u1',
      givenName: 'Dana',
      familyName: 'Lee',
      displayName: 'Dana Lee',
      email: 'dana@acme.example',
    });
    expect(a).toMatchObject({
      userName: 'dana@acme.example',
      externalId: '00u1',
      active: true,
      emails: ['dana@acme.example'],
    });
    expect((await c.findAccount({ externalId: '00u1' }))?.id).toBe(a.id);
    expect((await c.findAccount({ externalId: 'nope', userName: 'dana@acme.example' }))?.id).toBe(a.id);
    // A second create is a 409 at the app; the client returns the existing account instead of a duplicate.
    const again = await c.createAccount({
      userName: 'dana@acme.example',
      externalId: '00u1',
      givenName: 'Dana',
      familyName: 'Lee',
      displayName: 'Dana Lee',
      email: 'dana@acme.example',
    });
    expect(again.id).toBe(a.id);
    expect([...app.app.users.values()].filter((u) => u.userName === 'dana@acme.example')).toHaveLength(1);
    expect((await c.setActive(a.id, false)).active).toBe(false);
    expect(app.app.users.get(a.id)?.active).toBe(false);
    expect((await c.setActive(a.id, true)).active).toBe(true);
    await c.deleteAccount(a.id);
    await c.deleteAccount(a.id); // already gone: fine
    expect(await c.findAccount({ externalId: '00u1' })).toBeNull();
  });

  it('adds and removes group members with PATCH and pages through users and groups', async () => {
    const c = client();
    const g = app.app.seedGroup('jira-software-users');
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(app.app.seedUser({ userName: `p${i}@acme.example` }).id);
    await c.addToGroup(g.id, ids[0]!);
    await c.addToGroup(g.id, ids[1]!);
    expect((await c.findGroup('jira-software-users'))?.memberIds.sort()).toEqual([ids[0], ids[1]].sort());
    await c.removeFromGroup(g.id, ids[0]!);
    expect((await c.findGroup('jira-software-users'))?.memberIds).toEqual([ids[1]]);
    const seen: string[] = [];
    for (let start = 1; ; ) {
      const page = await c.listAccounts({ startIndex: start, count: 3 });
      seen.push(...page.items.map((a) => a.userName));
      start += page.items.length;
      if (!page.items.length || start > page.totalResults) break;
    }
    expect(seen.filter((n) => n.startsWith('p'))).toHaveLength(7);
    expect((await c.listGroups({})).items.map((x) => x.displayName)).toContain('jira-software-users');
  });

  it('waits as a 429 asks (Retry-After) and retries 5xx, reporting each retry', async () => {
    const c = client();
    const notices: string[] = [];
    app.faults.rateLimit = { times: 1, retryAfterSeconds: 1, match: /^POST/ };
    app.faults.serverError = { times: 2, status: 503, match: /^POST/ };
    const a = await c.createAccount(
      {
        userName: 'r@acme.example',
        externalId: '00ur',
        givenName: 'R',
        familyName: 'R',
        displayName: 'R R',
        email: 'r@acme.example',
      },
      ({ attempt, waitMs, detail }) => {
        notices.push(`${attempt}:${waitMs}:${detail}`);
      },
    );
    expect(a.userName).toBe('r@acme.example');
    expect(notices).toHaveLength(3);
    expect(notices[0]).toMatch(/^1:1000:Jira \(SCIM\) is rate limiting/);
    expect(notices[1]).toMatch(/HTTP 503/);
  });

  it('gives up after its attempts with the app error, and never shows the token', async () => {
    const c = client({ maxAttempts: 2 });
    app.faults.serverError = { times: 5, status: 500 };
    await expect(c.listAccounts({})).rejects.toMatchObject({
      code: 'upstream_unavailable',
      message: expect.stringContaining('HTTP 500'),
    });
    app.faults.serverError = undefined;
    const bad = createScimClient({ app: 'Jira', baseUrl: app.url, token: 'wrong-token', baseDelayMs: 10 });
    const err = (await bad.findAccount({ userName: 'x' }).catch((e: unknown) => e)) as Error & { code: string };
    expect(err).toMatchObject({ code: 'forbidden' });
    expect(err.message).toContain('HTTP 401');
    expect(JSON.stringify(err)).not.toContain('wrong-token');
    const probe = await bad.probe();
    expect(probe.ok).toBe(false);
    expect(probe.checks.find((x) => x.check === 'auth')?.ok).toBe(false);
    const good = await c.probe();
    expect(good).toMatchObject({ ok: true });
  });

  it('reports a bad filter as the app refusing the call, with its SCIM detail', async () => {
    const c = client();
    // scimmy's filter parser does not take escaped quotes: the app's 400 comes back as a readable error.
    await expect(c.findGroup('x" or ')).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/HTTP 400, invalidFilter\): .+/),
    });
  });

  it('never takes another account for the one asked for, from a server that ignores filters or reads an id as the list', async () => {
    await client().createAccount({
      userName: 'someone.else@acme.example',
      externalId: '00u-someone',
      givenName: 'Someone',
      familyName: 'Else',
      displayName: 'Someone Else',
      email: 'someone.else@acme.example',
    });
    // A misbehaving app: it drops every filter, and serves /Users/ (what an id of "." becomes) as the list.
    const careless = client({
      fetch: (req) => {
        const u = new URL(req.url);
        u.searchParams.delete('filter');
        if (u.pathname.endsWith('/Users/')) u.pathname = u.pathname.slice(0, -1);
        return fetch(new Request(u, req));
      },
    });
    expect((await careless.listAccounts({ count: 2 })).items.length).toBeGreaterThan(0);
    expect(await careless.findAccount({ userName: 'nobody.at.all@acme.example' })).toBeNull();
    expect(await careless.findAccount({ externalId: '00u-nobody' })).toBeNull();
    expect(await careless.getAccount('.')).toBeNull();
    expect(await careless.findGroup('No Such Group')).toBeNull();
  });
});
