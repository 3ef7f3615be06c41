// Prints retrieval-eval results as a plain-text table.

import type { EvalResult } from './run-eval.js';
import type { Scores } from './metrics.js';

const f = (x: number): string => x.toFixed(2);
const cells = (s: Scores): string[] => [f(s.recallAt1), f(s.recallAt5), f(s.mrr)];

/** Renders one table row per mode: recall@1, recall@5 and MRR for keyword, paraphrase and all questions. */
export function formatTable(r: EvalResult): string {
  const head = [
    'mode',
    'kw R@1',
    'kw R@5',
    'kw MRR',
    'para R@1',
    'para R@5',
    'para MRR',
    'tune R@5',
    'held R@5',
    'all R@1',
    'all R@5',
    'all MRR',
    'p50 ms',
  ];
  const rows = r.modes.map((m) => [
    m.mode,
    ...cells(m.keyword),
    ...cells(m.paraphrase),
    f(m.paraphraseTune.recallAt5),
    f(m.paraphraseHeld.recallAt5),
    ...cells(m.all),
    m.latencyMsP50.toFixed(0),
  ]);
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (row: string[]): string =>
    row.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join('  ');
  const kinds = r.modes[0] ? `${r.modes[0].keyword.n} keyword, ${r.modes[0].paraphrase.n} paraphrase` : '';
  const idx = r.index.offline;
  return [
    `retrieval eval: ${r.corpus} (${r.questions} questions: ${kinds}; ${idx.chunks} chunks; offline index ${idx.reused ? 'reused' : `built in ${(idx.ms / 1000).toFixed(1)} s`}; ${idx.embedder})`,
    line(head),
    line(head.map((_, i) => '-'.repeat(width[i]!))),
    ...rows.map(line),
  ].join('\n');
}
