// Text -> stemmed content tokens: strips markup and URLs, expands abbreviations, drops stopwords.

import { ABBREVIATIONS } from './abbreviations.js';
import { createStemmer } from './stemmer.js';
import { STOPWORDS } from './stopwords.js';

export type Tokenizer = (text: string) => string[];

const URL = /\bhttps?:\/\/\S+|\bwww\.\S+/g;
const MARKUP = /<[^>]{0,200}>|\{\{[^}]{0,200}\}\}|\{%[^%]{0,200}%\}/g;
const WORD = /[a-z0-9]+(?::[0-9]+)?/g;

/** Creates a tokenizer with its own stemming memo. */
export function createTokenizer(): Tokenizer {
  const stem = createStemmer();
  return (text) => {
    const clean = text.toLowerCase().normalize('NFKD').replace(URL, ' ').replace(MARKUP, ' ');
    const out: string[] = [];
    for (const match of clean.matchAll(WORD)) {
      const raw = match[0];
      const expansion = ABBREVIATIONS.get(raw);
      const words = expansion ? [raw, ...expansion] : [raw];
      for (const w of words) {
        if (w.length < 2 || w.length > 30 || STOPWORDS.has(w) || /^\d+$/.test(w)) continue;
        out.push(stem(w));
      }
    }
    return out;
  };
}
