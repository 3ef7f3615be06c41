// Drift and risk alerts end to end over the Okta emulator: its event hook delivers (with duplicates and reordering) to Warden's /hooks/okta.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOktaDirectory } from '../../src/directory/okta/index.js';
import { loadSeed } from '../../src/directory/seed.js';
import { startOktaEmulator, type OktaEmulator } from '../support/okta-emulator/index.js';
import { isolateOktaSdk } from '../support/okta-env.js';
import { ACME } from '../support/harness.js';
import { lifecycleWarden } from './support.js';

isolateOktaSdk();
const SECRET = 'okta-hook-shared-secret';

async function listen(app: Hono): Promise<{ url: string; close(): Promise<void> }> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

describe('drift alerts from Okta event hooks', () => {
  let emu: OktaEmulator;
  let w: Awaited<ReturnType<typeof lifecycleWarden>>;
  let hooks: Awaited<ReturnType<typeof listen>>;
  let slack: Awaited<ReturnType<typeof listen>>;
  const received: Array<{ text: string }> = [];
  const okta = (path: string, init: RequestInit = {}) =>
    fetch(`${emu.url}${path}`, {
      ...init,
      headers: {
        Authorization: `SSWS ${emu.token}`,
        'Content-Type': 'application/json',
        Accept: 'application/json',
        ...init.headers,
      },
    });

  beforeAll(async () => {
    emu = await startOktaEmulator({ seed: loadSeed(`${ACME}/directory.json`) });
    slack = await listen(
      new Hono().post('/', async (c) => {
        received.push(await c.req.json());
        return c.text('ok');
      }),
    );
    const directory = createOktaDirectory({ orgUrl: emu.url, token: emu.token, retryBaseMs: 20 });
    w = await lifecycleWarden({ directory, lifecycle: { oktaHookSecret: SECRET, alertWebhookUrl: `${slack.url}/` } });
    const app = new Hono();
    for (const r of w.lifecycle.routes) app.route('/', r);
    hooks = await listen(app);
    const created = (await (
      await okta('/api/v1/eventHooks', {
        method: 'POST',
        body: JSON.stringify({
          name: 'warden',
          events: {
            type: 'EVENT_TYPE',
            items: ['group.user_membership.add', 'user.account.privilege.grant', 'user.mfa.factor.reset_all'],
          },
          channel: {
            type: 'HTTP',
            version: '1.0.0',
            config: {
              uri: `${hooks.url}/hooks/okta`,
              authScheme: { type: 'HEADER', key: 'Authorization', value: SECRET },
            },
          },
        }),
      })
    ).json()) as { id: string; verificationStatus: string };
    expect(created.verificationStatus).toBe('UNVERIFIED');
    const verified = (await (
      await okta(`/api/v1/eventHooks/${created.id}/lifecycle/verify`, { method: 'POST' })
    ).json()) as { verificationStatus: string };
    expect(verified.verificationStatus).toBe('VERIFIED');
    emu.hooks.configure({ duplicate: true, reorder: true });
  }, 30_000);
  afterAll(async () => {
    await w?.close();
    await hooks?.close();
    await slack?.close();
    await emu?.close();
  });

  const user = (login: string) => [...emu.state.users.values()].find((u) => u.profile.login === login)!;
  const group = (name: string) => [...emu.state.groups.values()].find((g) => g.profile.name === name)!;
  const alerts = async () => (await w.audit.query({ limit: 1000 })).filter((r) => r.action.startsWith('alert.'));

  it('alerts once on an out-of-band privileged membership, with a prefilled removal request; ignores ordinary groups', async () => {
    const dana = user('gabriel.reddy@acme.example');
    expect(
      (await okta(`/api/v1/groups/${group('Okta-Super-Admins').id}/users/${dana.id}`, { method: 'PUT' })).status,
    ).toBe(204);
    expect((await okta(`/api/v1/groups/${group('Loc-Berlin').id}/users/${dana.id}`, { method: 'PUT' })).status).toBe(
      204,
    );
    await emu.hooks.flush();
    expect(emu.hooks.deliveries.filter((d) => d.status === 200).length).toBeGreaterThanOrEqual(4); // 2 events × duplicate
    expect(await w.store.listJobs({ kind: 'okta.event' })).toHaveLength(2);
    await w.lifecycle.runner.drain();
    const a = (await alerts()).filter((r) => r.action === 'alert.drift.unapproved-membership');
    expect(a).toHaveLength(1);
    expect(a[0]!.args).toMatchObject({
      severity: 'critical',
      who: expect.stringContaining('warden-service@example.com'),
      suggestion: { tool: 'request_group_remove', input: { user: dana.profile.login, group: 'Okta-Super-Admins' } },
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(
      received.some((m) =>
        /added to privileged\/?\w* group Okta-Super-Admins without an approved Warden request/.test(m.text),
      ),
    ).toBe(true);
    expect(w.logLines.join('')).toMatch(/replayed events accepted and ignored/);
  });

  it('alerts on an admin role grant and on an MFA reset of an admin', async () => {
    const admin = emu.state.roles[0]!;
    const target = emu.state.users.get(admin.userId)!;
    const mara = user('mara.chandra@acme.example');
    const actor = {
      id: '00uConsoleAdmin00001',
      type: 'User',
      alternateId: 'eve.intruder@acme.example',
      displayName: 'Eve Intruder',
    };
    emu.emitEvent({
      eventType: 'user.account.privilege.grant',
      displayMessage: 'Grant user privilege',
      actor,
      target: [
        { id: mara.id, type: 'User', alternateId: mara.profile.login, displayName: mara.profile.displayName },
        { id: 'SUPER_ADMIN', type: 'ROLE', alternateId: 'SUPER_ADMIN', displayName: 'Super Administrator' },
      ],
      debugData: { privilegeGranted: 'Super administrator' },
    });
    emu.emitEvent({
      eventType: 'user.mfa.factor.reset_all',
      displayMessage: 'Reset all factors for user',
      actor,
      target: [
        { id: target.id, type: 'User', alternateId: target.profile.login, displayName: target.profile.displayName },
      ],
    });
    await emu.hooks.flush();
    await w.lifecycle.runner.drain();
    const all = await alerts();
    const byKind = (k: string) => all.filter((r) => r.action === k);
    expect(byKind('alert.risk.admin-role-granted')[0]?.args).toMatchObject({
      what: `${mara.profile.login} was granted the admin role Super Administrator.`,
      who: 'Eve Intruder (eve.intruder@acme.example)',
    });
    expect(byKind('alert.risk.admin-mfa-reset')[0]?.args).toMatchObject({
      suggestion: { tool: 'request_user_suspend' },
    });
    expect((await w.audit.verify()).ok).toBe(true);
  });

  it('the log poller reads the same events from a stored cursor, and the ledger drops what the hook already delivered', async () => {
    expect(await w.lifecycle.logPoller.pollOnce()).toBe(0); // first poll starts at "now"
    emu.hooks.configure({ hold: true }); // the hook lags behind the log, as Okta's can
    const delivered = emu.hooks.deliveries.length;
    const before = (await w.store.listJobs({ kind: 'okta.event', limit: 1000 })).length;
    const eng = group('Proj-Atlas');
    const someone = [...emu.state.users.values()].find(
      (u) => u.status === 'ACTIVE' && !eng.members.some((m) => m.userId === u.id),
    )!;
    expect((await okta(`/api/v1/groups/${eng.id}/users/${someone.id}`, { method: 'PUT' })).status).toBe(204);
    expect(await w.lifecycle.logPoller.pollOnce()).toBe(1);
    expect(await w.store.getMeta('lifecycle:okta-log:cursor')).toMatch(/^\d+_1$/);
    emu.hooks.configure({ hold: false });
    await emu.hooks.flush();
    expect(emu.hooks.deliveries.slice(delivered).filter((d) => d.status === 200).length).toBeGreaterThan(0); // the hook did deliver it too
    expect(await w.lifecycle.logPoller.pollOnce()).toBe(0);
    expect((await w.store.listJobs({ kind: 'okta.event', limit: 1000 })).length).toBe(before + 1);
  });
});
