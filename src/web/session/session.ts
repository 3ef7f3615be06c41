// Browser sessions: a signed, expiring cookie (httpOnly, SameSite=Lax, Secure over https) holding the session id, its CSRF token and the person;
// signing out ends the person's sessions everywhere (server-side revocation in the Store).
import { randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { PersonRef } from '../../core/principal.js';
import { signedCodec } from './cookie-codec.js';
import type { SessionRevocations } from './revocations.js';

export interface Session {
  /** Random id, new at every sign-in and sign-out (no fixation). */
  sid: string;
  /** Synchronizer token every form and POST must echo. */
  csrf: string;
  /** The signed-in person; absent before sign-in. */
  person?: PersonRef;
  /** How they signed in. */
  via?: 'oidc' | 'demo';
  /** When the person signed in (ms): a later "sign out everywhere" ends this session. */
  iat?: number;
  exp: number;
}

export type SessionEnv = { Variables: { session: Session } };

export interface SessionOptions {
  secret: string;
  /** Lifetime of a signed-in session (default 8 h) and of an anonymous one (default 2 h). */
  ttlSeconds?: number;
  anonymousTtlSeconds?: number;
  /** Whether cookies get `Secure` (and the `__Host-` name prefix) for this request. */
  secure: (c: Context) => boolean;
  /** Server-side revocation; without it a signed-in cookie is valid until it expires. */
  revocations?: SessionRevocations;
  now?: () => number;
}

export interface Sessions {
  /** Loads the session (or starts an anonymous one) into `c.var.session`. */
  middleware: MiddlewareHandler<SessionEnv>;
  /** Signs `person` in with a fresh session id and CSRF token. */
  signIn(c: Context, person: PersonRef, via: Session['via']): Session;
  /** Replaces the session with a fresh anonymous one (this browser only). */
  signOut(c: Context): Session;
  /** Ends every session of the signed-in person, in every browser, then signs this one out. */
  signOutEverywhere(c: Context): Promise<Session>;
  cookieName(c: Context): string;
}

const token = () => randomBytes(24).toString('base64url');

export function createSessions(opts: SessionOptions): Sessions {
  const now = opts.now ?? Date.now;
  const codec = signedCodec<Omit<Session, 'exp'>>(opts.secret, 'session', now);
  const ttl = opts.ttlSeconds ?? 8 * 3600;
  const anonTtl = opts.anonymousTtlSeconds ?? 2 * 3600;
  const cookieName = (c: Context) => (opts.secure(c) ? '__Host-warden_session' : 'warden_session');

  const issue = (c: Context, s: Omit<Session, 'exp'>, seconds: number): Session => {
    const value = codec.encode(s, seconds);
    const secure = opts.secure(c);
    setCookie(c, cookieName(c), value, { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge: seconds });
    return codec.decode(value)!;
  };
  const anonymous = (c: Context) => issue(c, { sid: token(), csrf: token() }, anonTtl);

  return {
    cookieName,
    middleware: async (c, next) => {
      let s = codec.decode(getCookie(c, cookieName(c)));
      if (s?.person && opts.revocations) {
        const revokedAt = await opts.revocations.revokedAt(s.person.login);
        if (revokedAt !== null && (s.iat ?? 0) <= revokedAt) s = null;
      }
      c.set('session', s ?? anonymous(c));
      await next();
    },
    signIn: (c, person, via) => {
      const s = issue(
        c,
        {
          sid: token(),
          csrf: token(),
          person: { id: person.id, login: person.login, displayName: person.displayName },
          via,
          iat: now(),
        },
        ttl,
      );
      c.set('session', s);
      return s;
    },
    signOut: (c) => {
      const s = anonymous(c);
      c.set('session', s);
      return s;
    },
    async signOutEverywhere(c) {
      const person = (c.get('session') as Session | undefined)?.person;
      if (person) await opts.revocations?.revokeAll(person.login, now());
      const s = anonymous(c);
      c.set('session', s);
      return s;
    },
  };
}
