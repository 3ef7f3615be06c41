// `warden keys create|list|revoke`: API keys for MCP clients over HTTP.
import type { KeyStore } from '../core/store.js';
import { generateApiKey } from '../auth/api-keys.js';
import { formatError } from '../policies/engine.js';
import { loadPolicy } from '../policies/loader.js';
import { closest, fail, flags, print, UsageError, type Io } from './args.js';

const USAGE = 'warden keys create <client-id> [--person <login>] [--force] | keys list | keys revoke <key-id>';

/** The policy's client ids and kinds, or why they could not be read (an invalid policy). */
export type KnownClients = () => { ok: true; clients: ReadonlyMap<string, string> } | { ok: false; error: string };

/** The clients of the policy at `path` (id → kind), for commands that must not act on a client the policy does not know. */
export const policyClients = (path: string): ReturnType<KnownClients> => {
  const r = loadPolicy(path);
  if (!r.ok) return { ok: false, error: r.errors.map(formatError).join('\n') };
  return { ok: true, clients: new Map([...r.policy.clients].map(([id, c]) => [id, c.kind])) };
};

export async function keysCommand(
  argv: string[],
  store: KeyStore,
  io: Io,
  deps: { knownClients?: KnownClients } = {},
): Promise<number> {
  const { positionals, values } = flags(argv, { person: { type: 'string' }, force: { type: 'boolean' } }, USAGE);
  const [sub, arg] = positionals;
  if (sub === 'create' && arg) {
    const known = deps.knownClients?.();
    if (known && !values.force) {
      if (!known.ok)
        return fail(
          io,
          `Cannot check client "${arg}" against the policy, which is invalid:\n${known.error}\nFix the policy, or pass --force to create the key anyway.`,
        );
      if (!known.clients.has(arg)) {
        const near = closest(arg, [...known.clients.keys()]);
        return fail(
          io,
          `The policy has no client "${arg}": a key for it could call nothing.${near.length ? ` Did you mean ${near.join(' or ')}?` : ''}\nKnown clients: ${[...known.clients.keys()].join(', ')}.\nAdd the client to the policy first, or pass --force to create the key anyway.`,
        );
      }
      if (values.person && known.clients.get(arg) !== 'person-app') {
        return fail(
          io,
          `Client "${arg}" is ${known.clients.get(arg) === 'agent' ? 'an agent' : `a ${known.clients.get(arg)}`} client; --person makes a person token, which only person-app clients use (${[
            ...known.clients,
          ]
            .filter(([, k]) => k === 'person-app')
            .map(([id]) => id)
            .join(
              ', ',
            )}). An agent acts for a person through an OAuth token issued to that person, or WARDEN_STDIO_PERSON on stdio; to bind this agent key to a person anyway (it still never approves), pass --force.`,
        );
      }
    }
    const k = generateApiKey();
    const rec = await store.createApiKey({
      clientId: arg,
      keyHash: k.hash,
      prefix: k.prefix,
      createdBy: 'cli',
      personLogin: values.person?.toLowerCase(),
    });
    const forWhom = values.person
      ? ` acting as ${values.person} (a person token: only for person-app clients; agents never approve)`
      : '';
    print(
      io,
      `Created key ${rec.id} for client ${arg}${forWhom}. It is shown only once:\n\n  ${k.key}\n\nSend it as: Authorization: Bearer ${k.prefix}…`,
    );
    return 0;
  }
  if (sub === 'list') {
    for (const r of await store.listApiKeys())
      print(
        io,
        `${r.id}  ${r.clientId.padEnd(22)} ${r.prefix}…  ${r.personLogin ? `as ${r.personLogin}  ` : ''}created ${r.createdAt}${r.revokedAt ? `  revoked ${r.revokedAt}` : ''}`,
      );
    return 0;
  }
  if (sub === 'revoke' && arg) {
    if (await store.revokeApiKey(arg)) {
      print(io, `Revoked ${arg}.`);
      return 0;
    }
    return fail(
      io,
      `No active key ${arg}: it does not exist or is already revoked. \`warden keys list\` shows the keys.`,
    );
  }
  throw new UsageError(`usage: ${USAGE}`);
}
