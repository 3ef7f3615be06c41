// Which person a downstream account belongs to: one rule for reconcile and for an orphan account's removal.
import type { DownstreamAccount } from '../core/connectors.js';
import { sameIgnoringCase } from '../core/text.js';

type Found<U> = U | null | undefined | Promise<U | null | undefined>;

/** How to look people up: by directory id, and by a handle that may be a login or an email. */
export interface PersonLookup<U> {
  byId(id: string): Found<U>;
  byHandle(loginOrEmail: string): Found<U>;
}

/**
 * The person an account belongs to (any status): its externalId is their directory id, else its userName or one of its
 * emails is their login or email.
 */
export async function personOfAccount<U extends { id: string; login: string; email?: string }>(
  a: Pick<DownstreamAccount, 'externalId' | 'userName' | 'emails'>,
  find: PersonLookup<U>,
): Promise<U | undefined> {
  if (a.externalId) {
    const u = await find.byId(a.externalId);
    if (u && u.id === a.externalId) return u;
  }
  for (const handle of [a.userName, ...a.emails]) {
    const u = handle ? await find.byHandle(handle) : undefined;
    if (u && (sameIgnoringCase(u.login, handle) || sameIgnoringCase(u.email, handle))) return u;
  }
  return undefined;
}
