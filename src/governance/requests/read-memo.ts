// A directory view for one batch of decisions (an inbox page): each read is made once, whatever the number of rows.
//
// Not a cache: it lives for one call and is then dropped, so nothing stale outlives the page it served.
// Only reads are exposed — there is nothing on it that could change the directory.
import type { DirectoryPort } from '../../core/directory.js';

/** The reads approval checks make. */
export type ApprovalReads = Pick<DirectoryPort, 'getUser' | 'listUserGroups' | 'listGroupOwners'>;

/** The same call with the same argument shares one promise; a failed read is retried by the next caller. */
export function memoizedReads(directory: ApprovalReads): ApprovalReads {
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    let p = memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = read();
      memo.set(key, p);
      p.catch(() => memo.delete(key));
    }
    return p;
  };
  return {
    // Exact key: Okta ids are case-sensitive, so lower-casing could make two people one.
    getUser: (idOrLogin) => once(`user:${idOrLogin}`, () => directory.getUser(idOrLogin)),
    listUserGroups: (userId) => once(`groups:${userId}`, () => directory.listUserGroups(userId)),
    listGroupOwners: (groupId) => once(`owners:${groupId}`, () => directory.listGroupOwners(groupId)),
  };
}
