// Server-side session revocation: "sign out everywhere" for a person, kept in the Store so every process honours it.
//
// Session cookies are signed, not stored, so a copied cookie would stay valid until it expires. One
// timestamp per person (in the Store's meta table) ends every session of theirs issued up to it.
import type { Store } from '../../core/store.js';

export interface SessionRevocations {
  /** Sessions of `login` issued at or before this time (ms) are no longer valid; null when none were revoked. */
  revokedAt(login: string): Promise<number | null>;
  /** Ends every session of `login` issued up to `atMs`. */
  revokeAll(login: string, atMs: number): Promise<void>;
}

const key = (login: string) => `web:sessions-revoked:${login.toLowerCase()}`;

export function storeRevocations(store: Pick<Store, 'getMeta' | 'setMeta'>): SessionRevocations {
  return {
    async revokedAt(login) {
      const v = await store.getMeta(key(login));
      return v === null ? null : Number(v);
    },
    async revokeAll(login, atMs) {
      const prev = Number((await store.getMeta(key(login))) ?? 0);
      await store.setMeta(key(login), String(Math.max(prev, atMs)));
    },
  };
}
