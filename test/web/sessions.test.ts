// Sessions: signed, expiring, httpOnly/SameSite cookies; tampering and expiry sign you out; the secret is generated once and kept.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signedCodec } from '../../src/web/session/cookie-codec.js';
import { resolveSessionSecret } from '../../src/web/session/secret.js';
import { sessionsCommand } from '../../src/cli/sessions.js';
import { MANAGER, webRig } from './support.js';

let rig: Awaited<ReturnType<typeof webRig>> | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('sessions', () => {
  it('sends signed-out people to sign-in, and signs a persona in with a fresh httpOnly, SameSite=Lax cookie', async () => {
    rig = await webRig();
    const b = rig.client();
    const first = await b.req('/inbox');
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/auth/sign-in?next=%2Finbox');
    const anon = b.jar.get('warden_session')!;
    await b.signInAs('manager');
    const cookie = (await b.req('/inbox')).status;
    expect(cookie).toBe(200);
    // A new session id and CSRF token at sign-in (no fixation).
    expect(b.jar.get('warden_session')).not.toBe(anon);
    const res = await b.req('/auth/demo', { form: { _csrf: await b.csrf('/inbox'), persona: 'manager' } });
    const set = res.headers.getSetCookie().find((c) => c.startsWith('warden_session='))!;
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Lax/);
    expect(set).toMatch(/Path=\//);
    expect(set).not.toMatch(/Secure/);
    const html = await (await b.req('/inbox')).text();
    expect(html).toContain('Signed in as <strong>Ayesha Nwosu</strong>');
  });

  it('uses Secure __Host- cookies when Warden is served over https', async () => {
    rig = await webRig({ publicUrl: 'https://warden.acme.example' });
    const b = rig.client();
    const res = await b.req('/auth/sign-in');
    const set = res.headers.getSetCookie()[0]!;
    expect(set).toMatch(/^__Host-warden_session=/);
    expect(set).toMatch(/Secure/);
    await b.signInAs('security');
    expect((await b.req('/audit')).status).toBe(200);
  });

  it('ignores a tampered or expired cookie', async () => {
    rig = await webRig();
    const b = rig.client();
    await b.signInAs('security');
    const good = b.jar.get('warden_session')!;
    const [body, tag] = good.split('.');
    const payload = JSON.parse(Buffer.from(body!, 'base64url').toString());
    // Another person's login in the payload, with the old tag.
    const forged = Buffer.from(
      JSON.stringify({ ...payload, person: { ...payload.person, login: 'jose.wagner@acme.example' } }),
    ).toString('base64url');
    b.jar.set('warden_session', `${forged}.${tag}`);
    expect((await b.req('/audit')).status).toBe(303);

    // Correctly signed but expired.
    const codec = signedCodec<object>(
      'test-session-secret-that-is-long-enough',
      'session',
      () => Date.now() - 9 * 3600_000,
    );
    const { exp: _e, ...rest } = payload;
    b.jar.set('warden_session', codec.encode(rest, 8 * 3600));
    expect((await b.req('/audit')).status).toBe(303);
    // The same payload signed now is accepted: the checks above failed for the right reasons.
    b.jar.set(
      'warden_session',
      signedCodec<object>('test-session-secret-that-is-long-enough', 'session').encode(rest, 60),
    );
    expect((await b.req('/audit')).status).toBe(200);
  });

  it("signs out everywhere: a copied cookie and the person's other browsers stop working, and a new sign-in works", async () => {
    rig = await webRig();
    const b = rig.client();
    const other = rig.client();
    await b.signInAs('manager');
    await other.signInAs('manager');
    const stolen = b.jar.get('warden_session')!;
    const res = await b.req('/auth/sign-out', { form: { _csrf: await b.csrf('/inbox') } });
    expect(res.status).toBe(303);
    expect((await b.req('/inbox')).status).toBe(303);
    b.jar.set('warden_session', stolen); // the cookie as it was before sign-out, replayed
    expect((await b.req('/inbox')).status).toBe(303);
    expect((await other.req('/inbox')).status).toBe(303);
    expect(
      (await rig.w.audit.query({ limit: 50 })).some(
        (r) => r.action === 'web.signed-out' && r.actor.person?.login === MANAGER,
      ),
    ).toBe(true);
    await new Promise((r) => setTimeout(r, 5)); // a sign-in after the revocation, not in the same millisecond
    await b.signInAs('manager');
    expect((await b.req('/inbox')).status).toBe(200);
    // Someone else's sessions are untouched.
    const sec = rig.client();
    await sec.signInAs('security');
    expect((await sec.req('/audit')).status).toBe(200);
  });

  it("an operator ends a person's sessions from the CLI (a lost laptop)", async () => {
    rig = await webRig();
    const b = rig.client();
    await b.signInAs('manager');
    expect((await b.req('/inbox')).status).toBe(200);
    const out: string[] = [];
    const io = {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => out.push(s) },
    } as never;
    expect(
      await sessionsCommand(
        ['revoke', '--person', MANAGER.toUpperCase()],
        { store: rig.w.store, audit: rig.w.audit },
        io,
      ),
    ).toBe(0);
    expect(out.join('')).toContain(`Ended every session of ${MANAGER}`);
    expect((await b.req('/inbox')).status).toBe(303);
    await expect(sessionsCommand(['revoke'], { store: rig.w.store, audit: rig.w.audit }, io)).rejects.toThrow(/usage/);
  });

  it('generates the session secret once, keeps it in the data dir (0600), and prefers a configured one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-secret-'));
    const a = resolveSessionSecret({ dataDir: dir });
    expect(a.length).toBeGreaterThanOrEqual(40);
    expect(resolveSessionSecret({ dataDir: dir })).toBe(a);
    expect(readFileSync(join(dir, 'session-secret'), 'utf8').trim()).toBe(a);
    expect(statSync(join(dir, 'session-secret')).mode & 0o777).toBe(0o600);
    expect(resolveSessionSecret({ dataDir: dir, configured: 'x'.repeat(40) })).toBe('x'.repeat(40));
  });
});
