// Typed context variables of the page routes: the request id (from the web app), the session and the signed-in viewer.
import type { Session } from '../session/session.js';
import type { Viewer } from '../session/roles.js';

export type WebUiEnv = { Variables: { requestId: string; session: Session; viewer: Viewer | null } };

/** Paths the page middleware (session, CSRF, security headers) applies to; /mcp, /api and /hooks are left alone. */
export const isPagePath = (path: string): boolean =>
  /^\/(?:$|chat(?:\/|$)|inbox(?:\/|$)|requests(?:\/|$)|audit(?:\/|$)|policy(?:\/|$)|auth\/)/.test(path);

/** A local path to return to after sign-in or a decision; anything else (other hosts, `//x`, `/\x`) becomes `/`. */
export const safeNext = (v: unknown): string =>
  typeof v === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(v) ? v : '/';
