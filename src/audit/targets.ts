// Search terms for what an audit record touched: the index behind "who looked up Zara", derived in one place.
import type { AuditRecord, AuditTarget } from '../core/audit.js';

/** Most targets one record keeps (a page of search results is disclosure too, but a record must stay small). */
export const MAX_TARGETS = 100;

/** How a target search term is normalized, at write and at query time alike. */
export const normalizeTerm = (s: string): string => s.trim().toLowerCase();

/**
 * Every term a record can be found by: the `target` string and its part after `type:`; for each entry of `targets`
 * its id, login, name and each word of the name (2+ characters), bare and as `type:handle`. Deduplicated.
 */
export function targetTerms(r: Pick<AuditRecord, 'target' | 'targets'>): string[] {
  const terms = new Set<string>();
  const add = (s: string | undefined) => {
    const t = s ? normalizeTerm(s) : '';
    if (t && t.length <= 300) terms.add(t);
  };
  if (r.target) {
    add(r.target);
    const colon = r.target.indexOf(':');
    if (colon > 0) add(r.target.slice(colon + 1));
  }
  for (const t of r.targets ?? []) {
    for (const handle of [t.id, t.login, t.name]) {
      if (!handle) continue;
      add(handle);
      add(`${t.type}:${handle}`);
    }
    if (t.name) for (const word of t.name.split(/\s+/)) if (word.length >= 2) add(word);
  }
  return [...terms];
}

/** Targets as stored: only known fields, no empties, deduplicated, at most MAX_TARGETS. */
export function cleanTargets(
  targets: readonly AuditTarget[] | undefined,
  storable: (s: string) => string,
): AuditTarget[] | undefined {
  if (!targets?.length) return undefined;
  const seen = new Set<string>();
  const out: AuditTarget[] = [];
  for (const t of targets) {
    if (out.length >= MAX_TARGETS) break;
    const clean: AuditTarget = { type: storable(String(t.type)) };
    if (t.id) clean.id = storable(String(t.id));
    if (t.login) clean.login = storable(String(t.login));
    if (t.name) clean.name = storable(String(t.name));
    if (!clean.id && !clean.login && !clean.name) continue;
    const key = `${clean.type}|${clean.id ?? ''}|${clean.login ?? ''}|${clean.name ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(clean);
  }
  return out.length ? out : undefined;
}
