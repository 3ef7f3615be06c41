// Word tokenizer shared by the stand-in embedder and snippets: lowercase, stop words dropped, light stemming.

const STOP = new Set(
  'a an and are as at be but by can do does for from has have how i if in into is it its me my no not of on or our so that the their them then there these they this to up was we what when where which who why will with you your'.split(
    ' ',
  ),
);

/** Strips common English inflections (plural, -ing, -ed) so `requests`/`requesting`/`requested` meet. */
export function stem(w: string): string {
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('ing') && w.length > 5) return w.slice(0, -3);
  if (w.endsWith('ed') && w.length > 4) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) return w.slice(0, -1);
  return w;
}

/** Lowercased word tokens (letters/digits), without stop words, stemmed. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    if (w.length < 2 || STOP.has(w)) continue;
    out.push(stem(w));
  }
  return out;
}
