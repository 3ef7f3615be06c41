// Picks the ~400 characters of a passage that hold the most query terms, cut at word boundaries.
import { stem, tokenize } from './tokenize.js';

/** Returns a window of about `size` characters around the best cluster of query terms. */
export function makeSnippet(text: string, query: string, size = 400): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= size) return flat;
  const terms = new Set(tokenize(query));
  const hits: { at: number; term: string }[] = [];
  for (const m of flat.matchAll(/[\p{L}\p{N}]+/gu)) {
    const s = stem(m[0].toLowerCase());
    if (terms.has(s)) hits.push({ at: m.index, term: s });
  }
  let start = 0;
  if (hits.length) {
    // Slide over the hits: the window starting at a hit with the most distinct terms within `size` wins.
    let best = -1;
    for (let i = 0; i < hits.length; i++) {
      const seen = new Set<string>();
      for (let j = i; j < hits.length && hits[j]!.at - hits[i]!.at < size * 0.8; j++) seen.add(hits[j]!.term);
      if (seen.size > best) {
        best = seen.size;
        start = hits[i]!.at;
      }
    }
    start = Math.max(0, start - Math.round(size * 0.2));
  }
  start = Math.min(start, Math.max(0, flat.length - size));
  if (start > 0) {
    const sp = flat.indexOf(' ', start);
    start = sp >= 0 && sp - start < 30 ? sp + 1 : start;
  }
  let end = Math.min(flat.length, start + size);
  if (end < flat.length) {
    const sp = flat.lastIndexOf(' ', end);
    end = sp > start + size / 2 ? sp : end;
  }
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}
