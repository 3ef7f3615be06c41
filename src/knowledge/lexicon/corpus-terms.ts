// Document frequencies of the corpus's (stemmed) words, kept beside the index so query expansion only adds words the corpus uses.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTokenizer, type Tokenizer } from '../embedders/offline/tokenizer.js';

export const TERMS_FILE = 'corpus-terms.tsv';

export interface CorpusTerms {
  /** Number of passages counted. */
  passages: number;
  /** Stem -> number of passages containing it. */
  df: Map<string, number>;
  /** The stemmer-tokenizer the stems were made with. */
  tokenize: Tokenizer;
}

/** Counts, for every stem, the passages it occurs in. */
export function countCorpusTerms(texts: Iterable<string>): CorpusTerms {
  const tokenize = createTokenizer();
  const df = new Map<string, number>();
  let passages = 0;
  for (const t of texts) {
    passages++;
    for (const s of new Set(tokenize(t))) df.set(s, (df.get(s) ?? 0) + 1);
  }
  return { passages, df, tokenize };
}

/** Writes the counts (`#passages` first, then `stem<TAB>df` lines), atomically. */
export async function writeCorpusTerms(dbDir: string, terms: CorpusTerms): Promise<void> {
  const lines = [`#${terms.passages}`, ...[...terms.df].filter(([, n]) => n >= 2).map(([s, n]) => `${s}\t${n}`)];
  const path = join(dbDir, TERMS_FILE);
  await writeFile(`${path}.${process.pid}.tmp`, `${lines.join('\n')}\n`);
  await rename(`${path}.${process.pid}.tmp`, path);
}

/** Reads the counts, or null when the index has none (built before they existed). */
export async function readCorpusTerms(dbDir: string): Promise<CorpusTerms | null> {
  const text = await readFile(join(dbDir, TERMS_FILE), 'utf8').catch(() => null);
  if (text === null) return null;
  const lines = text.split('\n');
  const df = new Map<string, number>();
  for (const line of lines.slice(1)) {
    const tab = line.indexOf('\t');
    if (tab > 0) df.set(line.slice(0, tab), Number(line.slice(tab + 1)));
  }
  return { passages: Number(lines[0]!.slice(1)) || 0, df, tokenize: createTokenizer() };
}
