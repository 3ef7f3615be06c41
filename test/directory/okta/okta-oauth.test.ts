// OAuth 2.0 private-key JWT through the SDK against the emulator's token endpoint, and the missing-scope 403.
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamUnavailableError } from '../../../src/core/errors.js';
import { createOktaDirectory } from '../../../src/directory/okta/index.js';
import { startOktaEmulator, type OktaEmulator } from '../../support/okta-emulator/index.js';
import { isolateOktaSdk } from '../../support/okta-env.js';
import { buildFixtureSeed, groupId, userId } from '../../support/okta-fixture.js';

isolateOktaSdk();
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privatePem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
let emu: OktaEmulator;

beforeAll(async () => {
  emu = await startOktaEmulator({
    seed: buildFixtureSeed(),
    oauth: { clientId: '0oaWardenServiceApp1', publicKey: publicPem },
  });
});
afterAll(async () => {
  await emu.close();
});

describe('okta adapter: OAuth service app', () => {
  it('gets a token with a signed client assertion, then calls the API with it', async () => {
    const dir = createOktaDirectory({
      orgUrl: emu.url,
      oauth: {
        clientId: '0oaWardenServiceApp1',
        privateKey: privatePem,
        keyId: 'k1',
        scopes: ['okta.users.read', 'okta.groups.read'],
      },
    });
    expect((await dir.getUser(userId(1)))?.login).toBe('dana.lee@example.com');
    expect((await dir.getGroup(groupId(2)))?.name).toBe('Finance');
    expect(emu.calls.filter((c) => c.path === '/oauth2/v1/token')).toHaveLength(1); // the token is reused
    expect(dir.stats().calls).toBe(3);
  });

  it('names the missing scope when Okta answers 403 with an empty body', async () => {
    const dir = createOktaDirectory({
      orgUrl: emu.url,
      oauth: { clientId: '0oaWardenServiceApp1', privateKey: privatePem, scopes: ['okta.users.read'] },
    });
    const err = await dir.addGroupMember(groupId(2), userId(4)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamUnavailableError);
    expect((err as Error).message).toBe(
      `Warden's Okta credentials lack the permission (OAuth scope okta.groups.manage) needed to add user ${userId(4)} to group ${groupId(2)}.`,
    );
  });

  it('reports a client whose key Okta does not know as invalid credentials', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs1', format: 'pem' })
      .toString();
    const dir = createOktaDirectory({
      orgUrl: emu.url,
      oauth: { clientId: '0oaWardenServiceApp1', privateKey: other, scopes: ['okta.users.read'] },
    });
    const err = await dir.getUser(userId(1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamUnavailableError);
    expect((err as Error).message).toMatch(/Okta rejected Warden's credentials/);
    expect((err as Error).message).not.toContain('BEGIN');
  });
});
