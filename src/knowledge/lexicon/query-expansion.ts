// Query expansion: each query word brings WordNet-related words that the corpus uses, weighted below the original words.
import type { CorpusTerms } from './corpus-terms.js';
import { DEFAULT_RELATED, relatedWords, type RelatedOptions } from './related-words.js';
import type { WordNet } from './wordnet.js';
import { STOPWORDS } from '../embedders/offline/stopwords.js';

export interface ExpansionTerm {
  word: string;
  /** In (0, 1): relation strength times `ExpansionOptions.weight`; the query's own words count 1. */
  weight: number;
}

export interface ExpansionOptions {
  /** Scale of the related words' weights against the query's own words. */
  weight: number;
  /** Related words kept per query word, strongest first. */
  perWord: number;
  /** Related words below this relation strength are dropped. */
  minStrength: number;
  /** Words in more than this share of passages say nothing about a topic. */
  maxDocShare: number;
  /**
   * A query word found in a share p of the passages lends its related words the factor r / (r + p), r = rarity:
   * the less the corpus knows a word, the more general English is needed to connect it (a back-off, not a
   * rewrite). Relative to corpus size, so a small corpus does not count all its words as rare.
   */
  rarity: number;
  related: RelatedOptions;
}

export const DEFAULT_EXPANSION: ExpansionOptions = { weight: 0.75, perWord: 5, minStrength: 0.2, maxDocShare: 0.2, rarity: 0.001, related: DEFAULT_RELATED };

const WORD = /[a-z][a-z'-]*[a-z]/g;

/** Expands queries against one corpus; results per word are memoised. */
export class QueryExpander {
  private readonly memo = new Map<string, ExpansionTerm[]>();

  constructor(private readonly wordnet: WordNet, private readonly terms: CorpusTerms, private readonly o: ExpansionOptions = DEFAULT_EXPANSION) {}

  /** Related words for the whole query, each once with its strongest weight; the query's own words are excluded. */
  expand(query: string): ExpansionTerm[] {
    const words = [...new Set(query.toLowerCase().match(WORD) ?? [])].filter((w) => !STOPWORDS.has(w));
    const own = new Set(words.flatMap((w) => this.terms.tokenize(w)));
    const best = new Map<string, number>();
    for (const w of words) {
      for (const t of this.expandWord(w)) {
        const stem = this.terms.tokenize(t.word)[0];
        if (stem && own.has(stem)) continue;
        if ((best.get(t.word) ?? 0) < t.weight) best.set(t.word, t.weight);
      }
    }
    return [...best].map(([word, weight]) => ({ word, weight })).sort((a, b) => b.weight - a.weight);
  }

  private expandWord(word: string): ExpansionTerm[] {
    let out = this.memo.get(word);
    if (out) return out;
    const limit = this.o.maxDocShare * Math.max(this.terms.passages, 1);
    const byStem = new Map<string, ExpansionTerm>();
    const ownStem = this.terms.tokenize(word)[0];
    const share = (ownStem ? this.terms.df.get(ownStem) ?? 0 : 0) / Math.max(this.terms.passages, 1);
    const rarity = this.o.rarity / (this.o.rarity + share);
    if (rarity < 0.05) {
      this.memo.set(word, []);
      return [];
    }
    for (const [w, strength] of relatedWords(this.wordnet, word, this.o.related)) {
      if (strength < this.o.minStrength || STOPWORDS.has(w)) continue;
      const stems = this.terms.tokenize(w);
      if (stems.length !== 1 || stems[0] === ownStem) continue;
      const df = this.terms.df.get(stems[0]!) ?? 0;
      if (df < 2 || df > limit) continue;
      const prev = byStem.get(stems[0]!);
      const weight = strength * this.o.weight * rarity;
      if (!prev || prev.weight < weight) byStem.set(stems[0]!, { word: w, weight });
    }
    out = [...byStem.values()].sort((a, b) => b.weight - a.weight || (a.word < b.word ? -1 : 1)).slice(0, this.o.perWord);
    if (this.memo.size < 10_000) this.memo.set(word, out);
    return out;
  }
}
