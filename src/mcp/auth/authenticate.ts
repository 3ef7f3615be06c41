// Turns an Authorization header into a Principal: Warden API keys or OAuth JWTs. Anything else is unauthenticated.
import type { Logger } from 'pino';
import { UnauthenticatedError } from '../../core/errors.js';
import type { DirectoryPort } from '../../core/directory.js';
import type { Principal } from '../../core/principal.js';
import type { Store } from '../../core/store.js';
import { hashApiKey, looksLikeApiKey } from './api-keys.js';
import type { VerifiedToken } from './jwt.js';

export interface AuthenticatorDeps {
  store: Pick<Store, 'findApiKeyByHash'>;
  jwt?: (token: string) => Promise<VerifiedToken>;
  directory: Pick<DirectoryPort, 'getUser'>;
  log: Logger;
}

export type Authenticate = (authorization: string | undefined) => Promise<Principal>;

/** Every failure is the same 401 to the caller; the reason goes to the log (without the token). */
export function createAuthenticator(deps: AuthenticatorDeps): Authenticate {
  return async (authorization) => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!m) throw new UnauthenticatedError('Missing bearer token.', { hint: 'Send Authorization: Bearer <Warden API key or OAuth access token>.' });
    const token = m[1]!;
    if (looksLikeApiKey(token)) {
      const rec = await deps.store.findApiKeyByHash(hashApiKey(token));
      if (!rec) throw new UnauthenticatedError('Invalid or revoked API key.', { hint: 'Create one with `warden keys create <client-id>`.' });
      return { kind: 'agent', clientId: rec.clientId, auth: 'api_key' };
    }
    if (!deps.jwt) throw new UnauthenticatedError('Invalid bearer token.', { hint: 'Use a Warden API key; OAuth tokens are not configured on this server.' });
    let v: VerifiedToken;
    try {
      v = await deps.jwt(token);
    } catch (err) {
      deps.log.info({ reason: (err as Error).message }, 'rejected access token');
      throw new UnauthenticatedError('Invalid or expired access token.');
    }
    const person = v.subject ? await deps.directory.getUser(v.subject) : null;
    return {
      kind: 'agent', clientId: v.clientId, auth: 'jwt',
      person: person ? { id: person.id, login: person.login, displayName: person.displayName } : undefined,
    };
  };
}
