// The lifecycle client (kind system) is Warden's own: no API key can act as it, and decide() treats anyone else presenting it as an agent.
import { describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../src/auth/authenticate.js';
import { generateApiKey } from '../../src/auth/api-keys.js';
import { createPolicyEngine } from '../../src/policies/engine.js';
import { ACME, memoryLogger } from '../support/harness.js';

describe('system client warden-lifecycle', () => {
  it('refuses an API key issued for a system client', async () => {
    const policy = createPolicyEngine({ path: `${ACME}/policy.yaml`, watch: false });
    const { key, hash } = generateApiKey();
    const authenticate = createAuthenticator({
      store: {
        findApiKeyByHash: async (h) =>
          h === hash ? { id: 'k', clientId: 'warden-lifecycle', keyHash: hash, prefix: 'wdn_', createdAt: '' } : null,
      },
      directory: { getUser: async () => null },
      log: memoryLogger().log,
      clientKind: (id) => policy.current().clients.get(id)?.kind,
    });
    await expect(authenticate(`Bearer ${key}`)).rejects.toThrow(/internal to Warden/);
    policy.close();
  });
});
