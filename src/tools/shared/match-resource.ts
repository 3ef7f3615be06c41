// Matches plain words ("aws production", "sales force", "github admins") to the directory's apps and groups.
import type { DirectoryApp, DirectoryGroup } from '../../core/directory.js';

export type Candidate =
  | { kind: 'app'; app: DirectoryApp; score: number }
  | { kind: 'group'; group: DirectoryGroup; score: number };

const words = (s: string): string[] =>
  s
    .toLowerCase()
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1);
const SYNONYMS: Record<string, string> = {
  production: 'prod',
  staging: 'stage',
  administrator: 'admin',
  admins: 'admin',
  administrators: 'admin',
  users: 'user',
  owners: 'owner',
};
const norm = (w: string): string => SYNONYMS[w] ?? w;

/** Dice-like overlap between the query's words and a name's words, with a bonus for an exact or squashed match. */
function score(query: string, name: string): number {
  const q = new Set(words(query).map(norm));
  const n = words(name).map(norm);
  if (n.length === 0 || q.size === 0) return 0;
  const hits = n.filter((w) => q.has(w)).length;
  const squashed = query.toLowerCase().replace(/[^a-z0-9]/g, '') === name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return (2 * hits) / (q.size + n.length) + (squashed ? 1 : 0);
}

/** Every app and group scored against the words, best first; apps win ties (people ask for apps). */
export function rankResources(query: string, apps: DirectoryApp[], groups: DirectoryGroup[]): Candidate[] {
  const out: Candidate[] = [
    ...apps.map((app) => ({
      kind: 'app' as const,
      app,
      score: Math.max(score(query, app.label), score(query, app.name)) + 0.01,
    })),
    ...groups.map((group) => ({ kind: 'group' as const, group, score: score(query, group.name) })),
  ];
  return out.filter((c) => c.score > 0.2).sort((a, b) => b.score - a.score);
}
