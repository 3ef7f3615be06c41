// Search: BM25 full text (the default without an embedding endpoint) or, with one, BM25 and cosine fused by RRF.
import type { KnowledgeHit } from '../core/knowledge.js';
import type { Embedder } from './embedder.js';
import type { ChunkHit, LanceStore } from './lance-store.js';
import { inList } from './lance-store.js';
import type { SearchMode } from './types.js';
import { makeSnippet } from './snippet.js';
import { jaccard, NEAR_DUPLICATE, shingles } from './dedupe.js';
import { joinPhrases } from './phrases.js';
import { STOPWORDS } from './stopwords.js';

export interface SearchOptions {
  limit?: number;
  audiences: string[];
  /** Default: hybrid with an embedder, fts without one (vector and hybrid then fall back to fts). */
  mode?: SearchMode;
  /** Passages of one document allowed in the results before other documents are preferred (default 2). */
  perDocument?: number;
  /** Fusion weights [full-text, vectors] (default FUSION_WEIGHTS). */
  fusion?: readonly [number, number];
}

/** RRF constant: 60 is the value from Cormack et al. and the common default. */
const RRF_K = 60;

/** Weight of each list in the fusion: [full-text, vectors]. */
export const FUSION_WEIGHTS: readonly [number, number] = [1, 1];

/** Keeps letters, digits and spaces: LanceDB's query parser must never see user syntax. */
export const ftsQuery = (q: string): string =>
  q
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The full-text query: multi-word terms joined as in the index ("sign in" -> login), without function
 * words ("how", "do", "my", "can"): the index's English stop list is short, so in a question phrased as a
 * person would ask they match nearly every passage and favour long first-person texts. Falls back to the
 * whole query when only function words are left.
 */
export function contentQuery(q: string): string {
  const all = ftsQuery(joinPhrases(q));
  const kept = all.split(' ').filter((w) => !STOPWORDS.has(w.toLowerCase()));
  return kept.length ? kept.join(' ') : all;
}

interface Scored {
  hit: ChunkHit;
  score: number;
}

/** Fuses ranked lists: each passage scores Σ wᵢ/(k + rank), normalised so a passage first in every list scores 1. */
export function reciprocalRankFusion(lists: ChunkHit[][], weights: readonly number[] = []): Scored[] {
  const byId = new Map<string, Scored>();
  lists.forEach((list, i) => {
    list.forEach((hit, rank) => {
      const s = byId.get(hit.id) ?? { hit, score: 0 };
      s.score += (weights[i] ?? 1) / (RRF_K + rank + 1);
      byId.set(hit.id, s);
    });
  });
  const top = lists.reduce((n, l, i) => n + (l.length ? (weights[i] ?? 1) : 0), 0) / (RRF_K + 1);
  return [...byId.values()].map((s) => ({ ...s, score: top ? s.score / top : 0 })).sort((a, b) => b.score - a.score);
}

/** Drops near-duplicates and lets each document hold at most `perDocument` of the first places. */
export function diversify(ranked: Scored[], limit: number, perDocument: number): Scored[] {
  const kept: (Scored & { sh: Set<string> })[] = [];
  const overflow: Scored[] = [];
  const perDoc = new Map<string, number>();
  for (const s of ranked) {
    if (kept.length >= limit) break;
    const sh = shingles(s.hit.text);
    if (kept.some((k) => jaccard(k.sh, sh) >= NEAR_DUPLICATE)) continue;
    const n = perDoc.get(s.hit.path) ?? 0;
    if (n >= perDocument) {
      overflow.push(s);
      continue;
    }
    perDoc.set(s.hit.path, n + 1);
    kept.push({ ...s, sh });
  }
  // Only when nothing else matched do further passages of the same documents fill the list.
  const out: Scored[] = kept.map(({ hit, score }) => ({ hit, score }));
  for (const s of overflow) if (out.length < limit) out.push(s);
  return out;
}

/** Searches the store; only passages whose audience is in `audiences` are read from LanceDB. */
export async function searchPassages(
  store: LanceStore,
  embedder: Embedder | null,
  query: string,
  o: SearchOptions,
): Promise<KnowledgeHit[]> {
  const limit = Math.max(1, Math.min(o.limit ?? 5, 50));
  const mode: SearchMode = embedder ? (o.mode ?? 'hybrid') : 'fts';
  const audiences = [...new Set(o.audiences.map((a) => a.toLowerCase()))];
  if (audiences.length === 0 || !query.trim()) return [];
  const where = inList('audience', audiences);
  const pool = Math.max(limit * 4, 40);
  const [fts, vec] = await Promise.all([
    mode === 'vector' ? [] : store.fullText(contentQuery(query), where, pool),
    mode === 'fts' || !embedder
      ? []
      : embedder
          .embed([query], 'query')
          .then(([v]) => (v && v.some((x) => x !== 0) ? store.nearest(v, where, pool) : [])),
  ]);
  let ranked: Scored[];
  if (mode === 'fts') ranked = fts.map((hit) => ({ hit, score: hit._score ?? 0 }));
  else if (mode === 'vector') ranked = vec.map((hit) => ({ hit, score: 1 - (hit._distance ?? 1) }));
  else ranked = reciprocalRankFusion([fts, vec], o.fusion ?? FUSION_WEIGHTS);
  return diversify(ranked, limit, o.perDocument ?? 2).map(({ hit, score }) => ({
    path: hit.path,
    title: hit.title,
    heading: hit.heading,
    score: Math.round(score * 10000) / 10000,
    snippet: makeSnippet(hit.text, query),
    ...(hit.url ? { url: hit.url } : {}),
    audience: hit.audience,
  }));
}
