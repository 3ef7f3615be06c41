// Runs a question set against the real knowledge index for each search mode and scores it by kind.

import type { KnowledgeBase, KnowledgeBaseOptions, SearchMode } from '../../src/knowledge/index.js';
import { buildIndex } from './build-index.js';
import { corpusSet } from './corpora.js';
import { firstRelevantRank, score, type Scores } from './metrics.js';
import { loadQuestions, type Question } from './questions.js';

export interface ModeResult {
  /** e.g. 'fts', 'vector', 'hybrid', 'hybrid+openai'. */
  mode: string;
  all: Scores;
  keyword: Scores;
  paraphrase: Scores;
  /** Paraphrases with an odd id number (used to tune retrieval) and with an even one (held out). */
  paraphraseTune: Scores;
  paraphraseHeld: Scores;
  misses: Array<{ id: string; rank: number; top: string[] }>;
  latencyMsP50: number;
}

export interface EvalResult {
  corpus: string;
  questions: number;
  index: {
    offline: { ms: number; reused: boolean; embedder: string | null; chunks: number };
    openai?: { ms: number; reused: boolean };
  };
  modes: ModeResult[];
}

/** Parity of the number that ends a question id (`sg-p07` -> 1): odd = tuning half, even = held out. */
export const idParity = (id: string): 0 | 1 => (Number(/(\d+)$/.exec(id)?.[1] ?? 0) % 2 === 1 ? 1 : 0);

async function runMode(
  kb: KnowledgeBase,
  label: string,
  mode: SearchMode,
  qs: Question[],
  prefixes: Record<string, string>,
  audiences: string[],
): Promise<ModeResult> {
  const ranks = new Map<Question, number>();
  const misses: ModeResult['misses'] = [];
  const times: number[] = [];
  for (const q of qs) {
    const t0 = performance.now();
    const hits = await kb.search(q.question, { limit: 10, audiences, mode });
    times.push(performance.now() - t0);
    const prefix = prefixes[q.corpus] ?? '';
    const rank = firstRelevantRank(
      hits.map((h) => h.path),
      q.expected.map((p) => prefix + p),
    );
    ranks.set(q, rank);
    if (rank < 0 || rank >= 5) misses.push({ id: q.id, rank, top: [...new Set(hits.map((h) => h.path))].slice(0, 3) });
  }
  const of = (kind?: Question['kind'], half?: 0 | 1): Scores =>
    score(
      qs
        .filter((q) => (!kind || q.kind === kind) && (half === undefined || idParity(q.id) === half))
        .map((q) => ranks.get(q)!),
    );
  times.sort((a, b) => a - b);
  return {
    mode: label,
    all: of(),
    keyword: of('keyword'),
    paraphrase: of('paraphrase'),
    paraphraseTune: of('paraphrase', 1),
    paraphraseHeld: of('paraphrase', 0),
    misses,
    latencyMsP50: times[Math.floor(times.length / 2)] ?? 0,
  };
}

/** Builds or reuses the index for `corpus` and scores full-text (the offline default), plus vector and hybrid with an embedding endpoint when given. */
export async function runRetrievalEval(
  corpus: string,
  o: {
    openai?: Extract<KnowledgeBaseOptions['embedder'], object>['openai'];
    cacheDir?: string;
    questions?: string;
    corpora?: string;
  } = {},
): Promise<EvalResult> {
  const set = corpusSet(corpus, o.corpora);
  const qs = await loadQuestions(o.questions ?? set.questions);
  const offline = await buildIndex(set.name, set.folders, 'offline', o.cacheDir);
  const modes: ModeResult[] = [];
  let stats;
  try {
    modes.push(await runMode(offline.kb, 'fts', 'fts', qs, set.prefixes, set.audiences));
    stats = await offline.kb.stats();
  } finally {
    await offline.kb.close();
  }
  const result: EvalResult = {
    corpus,
    questions: qs.length,
    modes,
    index: {
      offline: {
        ms: Math.round(offline.indexMs),
        reused: offline.reused,
        embedder: stats.embedder,
        chunks: stats.chunks,
      },
    },
  };
  if (o.openai) {
    const remote = await buildIndex(set.name, set.folders, { openai: o.openai }, o.cacheDir);
    try {
      modes.push(await runMode(remote.kb, 'vector+openai', 'vector', qs, set.prefixes, set.audiences));
      modes.push(await runMode(remote.kb, 'hybrid+openai', 'hybrid', qs, set.prefixes, set.audiences));
    } finally {
      await remote.kb.close();
    }
    result.index.openai = { ms: Math.round(remote.indexMs), reused: remote.reused };
  }
  return result;
}
