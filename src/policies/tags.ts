// Tag and owner lookups for groups and apps (`privileged`, `sensitive`, …), memoised per loaded policy.
import type { CompiledPolicy } from './compiled-policy.js';

const CACHE_LIMIT = 10_000;

/** Tags of a group or app by name, in policy order. Case-insensitive. */
export function tagsFor(policy: CompiledPolicy, kind: 'group' | 'app', name: string): readonly string[] {
  const key = `${kind}:${name.toLowerCase()}`;
  const hit = policy.tagCache.get(key);
  if (hit) return hit;
  const tags = Object.freeze(
    policy.tags.filter((t) => (kind === 'group' ? t.groups : t.apps).test(name)).map((t) => t.name),
  );
  // Names come from callers; bound the memo so arbitrary input cannot grow it without limit.
  if (policy.tagCache.size >= CACHE_LIMIT) policy.tagCache.clear();
  policy.tagCache.set(key, tags);
  return tags;
}

/** Owner logins the policy names for a group or app (apps have no owner in Okta). */
export function ownersFor(policy: CompiledPolicy, kind: 'group' | 'app', name: string): readonly string[] {
  return (kind === 'group' ? policy.owners.groups : policy.owners.apps).get(name.toLowerCase()) ?? [];
}

/** Knowledge audience of a document path (first matching `knowledge.audiences` entry), or `public`. */
export function audienceFor(policy: CompiledPolicy, docPath: string): string {
  return policy.knowledge.audiences.find((a) => a.re.test(docPath))?.audience ?? 'public';
}
