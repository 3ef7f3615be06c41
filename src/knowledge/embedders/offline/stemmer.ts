// A light English suffix stemmer: conflates inflections (reimbursed/reimbursement) without Porter's full rule set.

const SUFFIXES: ReadonlyArray<readonly [string, string]> = [
  ['izations', 'ize'], ['ization', 'ize'], ['ational', 'ate'], ['fulness', 'ful'],
  ['iveness', 'ive'], ['ousness', 'ous'], ['ements', ''], ['ement', ''], ['ments', ''], ['ment', ''],
  ['ations', 'ate'], ['ation', 'ate'], ['ators', 'ate'], ['ator', 'ate'], ['nesses', ''], ['ness', ''],
  ['ities', ''], ['ity', ''], ['ively', 'ive'], ['ingly', ''], ['edly', ''], ['fully', 'ful'],
  ['ously', 'ous'], ['ings', ''], ['ing', ''], ['ies', 'y'], ['ied', 'y'], ['izes', 'ize'], ['ized', 'ize'],
  ['ises', 'ize'], ['ised', 'ize'], ['ed', ''], ['ly', ''],
  ['es', ''], ['s', ''],
];

/** Stems one lower-case word; words of four letters or fewer are kept as they are. */
export function stem(word: string): string {
  if (word.length <= 4 || /\d/.test(word)) return word;
  let out = word;
  for (const [suffix, repl] of SUFFIXES) {
    if (!word.endsWith(suffix)) continue;
    const base = word.slice(0, word.length - suffix.length);
    if (base.length < 3) continue;
    if (suffix === 's' && (base.endsWith('s') || base.endsWith('u') || base.endsWith('i'))) break;
    if (suffix === 'es' && !/(ss|sh|ch|x|z)$/.test(base)) {
      out = word.slice(0, -1);
      break;
    }
    out = base + repl;
    break;
  }
  // Undouble a final consonant left by -ing/-ed (planned -> plann -> plan).
  if (out !== word && /([bdfgmnprt])\1$/.test(out)) out = out.slice(0, -1);
  // Drop a trailing silent e so "manage" and "managing" meet.
  if (out.length > 4 && out.endsWith('e') && !out.endsWith('ee')) out = out.slice(0, -1);
  return out;
}

/** A memoizing stemmer, one per tokenizer, so no cache lives at module level. */
export function createStemmer(): (word: string) => string {
  const cache = new Map<string, string>();
  return (word) => {
    let out = cache.get(word);
    if (out === undefined) {
      out = stem(word);
      if (cache.size < 500_000) cache.set(word, out);
    }
    return out;
  };
}
