// Turns an Authorization header into a Principal: Warden API keys or OAuth JWTs. Anything else is unauthenticated.
import type { Logger } from 'pino';
import { UnauthenticatedError } from '../core/errors.js';
import type { DirectoryPort } from '../core/directory.js';
import type { Principal } from '../core/principal.js';
import type { Store } from '../core/store.js';
import { hashApiKey, looksLikeApiKey } from './api-keys.js';
import type { VerifiedToken } from './jwt.js';

export interface AuthenticatorDeps {
  store: Pick<Store, 'findApiKeyByHash'>;
  jwt?: (token: string) => Promise<VerifiedToken>;
  directory: Pick<DirectoryPort, 'getUser'>;
  log: Logger;
  /** The kind the policy gives a client: only `person-app` clients carrying a person are treated as that person. */
  clientKind: (clientId: string) => 'agent' | 'person-app' | 'system' | undefined;
  /** How long a found API key is trusted without asking the store again; a revocation takes effect within this. Default 5 s; 0 turns it off. */
  keyCacheMs?: number;
}

export type Authenticate = (authorization: string | undefined) => Promise<Principal>;

/** Every failure is the same 401 to the caller; the reason goes to the log (without the token). */
export function createAuthenticator(deps: AuthenticatorDeps): Authenticate {
  const findKey = keyLookupCache(deps.store, deps.keyCacheMs ?? DEFAULT_KEY_CACHE_MS);
  return async (authorization) => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!m)
      throw new UnauthenticatedError('Missing bearer token.', {
        hint: 'Send Authorization: Bearer <Warden API key or OAuth access token>.',
      });
    const token = m[1]!;
    if (looksLikeApiKey(token)) {
      const rec = await findKey(hashApiKey(token));
      if (!rec)
        throw new UnauthenticatedError('Invalid or revoked API key.', {
          hint: 'Create one with `warden keys create <client-id>`.',
        });
      return principalFor(rec.clientId, rec.personLogin, 'api_key');
    }
    if (!deps.jwt)
      throw new UnauthenticatedError('Invalid bearer token.', {
        hint: 'Use a Warden API key; OAuth tokens are not configured on this server.',
      });
    let v: VerifiedToken;
    try {
      v = await deps.jwt(token);
    } catch (err) {
      deps.log.info({ reason: (err as Error).message }, 'rejected access token');
      throw new UnauthenticatedError('Invalid or expired access token.');
    }
    return principalFor(v.clientId, v.subject, 'jwt');
  };

  /** A person-app client with a known, active person is that person; everything else is an agent (which can never approve). */
  async function principalFor(
    clientId: string,
    personLogin: string | undefined,
    auth: Principal['auth'],
  ): Promise<Principal> {
    // System clients are Warden's own automations (lifecycle); a key or token naming one is refused.
    if (deps.clientKind(clientId) === 'system')
      throw new UnauthenticatedError('This client is internal to Warden; no credential can act as it.');
    const u = personLogin ? await deps.directory.getUser(personLogin) : null;
    if (personLogin && (!u || u.status !== 'ACTIVE'))
      throw new UnauthenticatedError('The person this credential belongs to is not an active user.');
    const person = u ? { id: u.id, login: u.login, displayName: u.displayName } : undefined;
    const kind = person && deps.clientKind(clientId) === 'person-app' ? 'person' : 'agent';
    return { kind, clientId, auth, ...(person ? { person } : {}) };
  }
}

/** Found keys are remembered briefly by hash (never misses: a wrong key always asks the store). */
export const DEFAULT_KEY_CACHE_MS = 5_000;

function keyLookupCache(
  store: AuthenticatorDeps['store'],
  ttlMs: number,
  limit = 10_000,
): AuthenticatorDeps['store']['findApiKeyByHash'] {
  const found = new Map<
    string,
    { rec: NonNullable<Awaited<ReturnType<AuthenticatorDeps['store']['findApiKeyByHash']>>>; until: number }
  >();
  return async (hash) => {
    if (ttlMs <= 0) return store.findApiKeyByHash(hash);
    const now = Date.now();
    const hit = found.get(hash);
    if (hit && hit.until > now) return hit.rec;
    const rec = await store.findApiKeyByHash(hash);
    if (rec) {
      if (found.size >= limit) found.clear();
      found.set(hash, { rec, until: now + ttlMs });
    } else found.delete(hash);
    return rec;
  };
}
