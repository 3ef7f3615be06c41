// Words related to a word in WordNet (synonyms, hypernyms, derivations, gloss words), each with a weight in (0, 1].
import { baseForms } from './morphy.js';
import { POS_LIST, type Pointer, type WordNet } from './wordnet.js';

export interface RelatedOptions {
  /** Senses of each part of speech considered, most frequent first. */
  maxSenses: number;
  /** Hypernym levels followed upwards. */
  hypernymDepth: number;
  /** The sense of rank r (from 0) weighs 1 / (r + 1)^senseDecay. */
  senseDecay: number;
}

export const DEFAULT_RELATED: RelatedOptions = { maxSenses: 3, hypernymDepth: 2, senseDecay: 1 };

/** Relative strength of each relation (the sense rank scales it further). */
const SYNONYM = 1;
const HYPERNYM = 0.6;
const GLOSS = 0.4;
const POINTER_WEIGHT: Readonly<Record<string, number>> = {
  '+': 0.8, '\\': 0.8, '&': 0.6, '^': 0.5, '=': 0.5, '$': 0.6, '*': 0.4, '>': 0.4,
};
const HYPERNYMS = new Set(['@', '@i']);
/** Gloss text up to the first example sentence; words of four letters or more. */
const GLOSS_WORD = /[a-z]{4,}/g;

/** Related single words of `word` with their strongest weight; the word itself is not included. */
export function relatedWords(wn: WordNet, word: string, o: RelatedOptions = DEFAULT_RELATED): Map<string, number> {
  const out = new Map<string, number>();
  const add = (w: string, weight: number): void => {
    for (const part of w.split(/[\s-]+/)) {
      if (part.length < 2 || part === word) continue;
      if ((out.get(part) ?? 0) < weight) out.set(part, weight);
    }
  };
  for (const pos of POS_LIST) {
    const offsets = baseForms(word, pos).flatMap((b) => wn.senses(b, pos)).slice(0, o.maxSenses);
    offsets.forEach((offset, rank) => {
      const sense = 1 / (rank + 1) ** o.senseDecay;
      const s = wn.synset(pos, offset);
      for (const w of s.words) add(w, sense * SYNONYM);
      for (const m of s.gloss.split(/;\s*"/)[0]!.toLowerCase().matchAll(GLOSS_WORD)) add(m[0], sense * GLOSS);
      for (const p of s.pointers) {
        if (HYPERNYMS.has(p.symbol)) addHypernyms(wn, p, sense * HYPERNYM, o.hypernymDepth, add);
        else if (POINTER_WEIGHT[p.symbol]) for (const w of wn.synset(p.pos, p.offset).words) add(w, sense * POINTER_WEIGHT[p.symbol]!);
      }
    });
  }
  return out;
}

function addHypernyms(wn: WordNet, p: Pointer, weight: number, depth: number, add: (w: string, weight: number) => void): void {
  const s = wn.synset(p.pos, p.offset);
  for (const w of s.words) add(w, weight);
  if (depth <= 1) return;
  for (const q of s.pointers) if (HYPERNYMS.has(q.symbol)) addHypernyms(wn, q, weight / 2, depth - 1, add);
}

