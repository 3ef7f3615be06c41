// Splits a parsed document into passages along headings: tiny sections merged, long ones split with overlap.
import { createHash } from 'node:crypto';
import type { Chunk, ParsedDocument, Section } from './types.js';

export interface ChunkOptions {
  /** Pieces of a long section are packed up to about this many characters. */
  target: number;
  /** Sections up to this size stay whole; merges never grow past it. */
  max: number;
  /** Sections shorter than this are merged with a neighbour under the same parent. */
  min: number;
  /** Fraction of a piece repeated at the start of the next piece of the same section. */
  overlap: number;
}

export const DEFAULT_CHUNKING: ChunkOptions = { target: 1000, max: 1200, min: 250, overlap: 0.15 };

const startsWith = (a: string[], prefix: string[]): boolean => prefix.every((h, i) => a[i] === h);
const parent = (h: string[]): string[] => h.slice(0, -1);
const sameList = (a: string[], b: string[]): boolean => a.length === b.length && startsWith(a, b);

/**
 * Merges tiny sections into a neighbour under the same parent (a sibling, or the parent's intro
 * followed by its first child). The merged passage keeps the heading path of its largest part;
 * the other parts' headings stay in the text as label lines.
 */
export function mergeTiny(sections: Section[], o: ChunkOptions = DEFAULT_CHUNKING): Section[] {
  const groups: Section[][] = [];
  const size = (g: Section[]): number => g.reduce((n, p) => n + p.text.length, 0);
  for (const s of sections) {
    const g = groups[groups.length - 1];
    const last = g?.[g.length - 1];
    const related =
      last &&
      (sameList(parent(last.headings), parent(s.headings)) ||
        (s.headings.length === last.headings.length + 1 && startsWith(s.headings, last.headings)));
    if (g && related && (size(g) < o.min || s.text.length < o.min) && size(g) + s.text.length + 40 <= o.max) g.push(s);
    else groups.push([s]);
  }
  return groups.map((g) => {
    const main = g.reduce((a, b) => (b.text.length > a.text.length ? b : a));
    const text = g
      .map((p) =>
        p === main || startsWith(main.headings, p.headings)
          ? p.text
          : `${p.headings[p.headings.length - 1] ?? ''}\n${p.text}`,
      )
      .join('\n\n');
    return { headings: [...main.headings], text };
  });
}

/** Breaks text into units no longer than `size`: paragraphs, then sentences, then words. */
function units(text: string, size: number): string[] {
  const out: string[] = [];
  for (const para of text.split(/\n{2,}/)) {
    if (para.length <= size) {
      if (para.trim()) out.push(para);
      continue;
    }
    let acc = '';
    for (const sentence of para.split(/(?<=[.!?])\s+/)) {
      for (const piece of sentence.length <= size ? [sentence] : hardSplit(sentence, size)) {
        if (acc && acc.length + piece.length + 1 > size) {
          out.push(acc);
          acc = piece;
        } else acc = acc ? `${acc} ${piece}` : piece;
      }
    }
    if (acc) out.push(acc);
  }
  return out;
}

function hardSplit(s: string, size: number): string[] {
  const out: string[] = [];
  let acc = '';
  for (const word of s.split(/\s+/)) {
    for (let i = 0; i < word.length; i += size) {
      const w = word.slice(i, i + size);
      if (acc && acc.length + w.length + 1 > size) {
        out.push(acc);
        acc = w;
      } else acc = acc ? `${acc} ${w}` : w;
    }
  }
  if (acc) out.push(acc);
  return out;
}

/** The last ~`n` characters of `text`, starting at a sentence or word boundary. */
export function overlapTail(text: string, n: number): string {
  if (n <= 0 || text.length <= n) return '';
  const tail = text.slice(text.length - n);
  const sentence = /[.!?]\s+(?=\S)/.exec(tail);
  if (sentence && sentence.index < n / 2) return tail.slice(sentence.index + sentence[0].length);
  const space = tail.search(/\s/);
  return space >= 0 ? tail.slice(space).trim() : tail;
}

/** Splits one section's text into pieces of about `target` characters with overlap. */
export function splitLong(text: string, o: ChunkOptions = DEFAULT_CHUNKING): string[] {
  if (text.length <= o.max) return [text];
  const pieces: string[] = [];
  let cur = '';
  for (const u of units(text, o.target)) {
    if (cur && cur.length + u.length + 2 > o.target) {
      pieces.push(cur);
      const tail = overlapTail(cur, Math.round(o.target * o.overlap));
      cur = tail ? `${tail}\n\n${u}` : u;
    } else cur = cur ? `${cur}\n\n${u}` : u;
  }
  if (cur) pieces.push(cur);
  return pieces;
}

export const chunkHash = (heading: string, text: string): string =>
  createHash('sha256').update(heading).update('\n').update(text).digest('hex');

/** Chunks a document: each chunk keeps its heading path (`A > B > C`) and a content hash. */
export function chunkDocument(doc: ParsedDocument, o: ChunkOptions = DEFAULT_CHUNKING): Chunk[] {
  const chunks: Chunk[] = [];
  for (const s of mergeTiny(doc.sections, o)) {
    const heading = s.headings.join(' > ');
    for (const text of splitLong(s.text, o))
      chunks.push({ ord: chunks.length, heading, text, hash: chunkHash(heading, text) });
  }
  return chunks;
}
