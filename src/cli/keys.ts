// `warden keys create|list|revoke`: API keys for MCP clients over HTTP.
import type { Store } from '../core/store.js';
import { generateApiKey } from '../auth/api-keys.js';
import { flags, print, UsageError, type Io } from './args.js';

const USAGE = 'warden keys create <client-id> [--person <login>] | keys list | keys revoke <key-id>';

export async function keysCommand(argv: string[], store: Store, io: Io): Promise<number> {
  const { positionals, values } = flags(argv, { person: { type: 'string' } }, USAGE);
  const [sub, arg] = positionals;
  if (sub === 'create' && arg) {
    const k = generateApiKey();
    const rec = await store.createApiKey({ clientId: arg, keyHash: k.hash, prefix: k.prefix, createdBy: 'cli', personLogin: values.person?.toLowerCase() });
    const forWhom = values.person ? ` acting as ${values.person} (a person token: only for person-app clients; agents never approve)` : '';
    print(io, `Created key ${rec.id} for client ${arg}${forWhom}. It is shown only once:\n\n  ${k.key}\n\nSend it as: Authorization: Bearer ${k.prefix}…`);
    return 0;
  }
  if (sub === 'list') {
    for (const r of await store.listApiKeys()) print(io, `${r.id}  ${r.clientId.padEnd(22)} ${r.prefix}…  ${r.personLogin ? `as ${r.personLogin}  ` : ''}created ${r.createdAt}${r.revokedAt ? `  revoked ${r.revokedAt}` : ''}`);
    return 0;
  }
  if (sub === 'revoke' && arg) {
    print(io, (await store.revokeApiKey(arg)) ? `Revoked ${arg}.` : `No active key ${arg}.`);
    return 0;
  }
  throw new UsageError(`usage: ${USAGE}`);
}
