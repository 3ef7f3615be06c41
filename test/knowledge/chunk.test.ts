// Chunking: heading paths, target sizes, overlap between pieces of long sections, tiny sections merged.
import { describe, expect, it } from 'vitest';
import { chunkDocument, DEFAULT_CHUNKING, mergeTiny, splitLong } from '../../src/knowledge/chunk.js';
import { parseDocument } from '../../src/knowledge/ingest/parse-document.js';

const sentence = (i: number): string =>
  `Sentence number ${i} explains one more rule about requesting access to production systems.`;
const para = (from: number, n: number): string => Array.from({ length: n }, (_, i) => sentence(from + i)).join(' ');

describe('chunkDocument', () => {
  const md = [
    '# Guide',
    'Intro paragraph that is long enough to stand on its own. '.repeat(6),
    '## Access',
    para(0, 4),
    '### AWS',
    [para(100, 8), para(200, 8), para(300, 8), para(400, 8)].join('\n\n'),
    '## Tiny A',
    'Short.',
    '## Tiny B',
    'Also short.',
  ].join('\n\n');
  const doc = parseDocument('guide.md', md, 'markdown');
  const chunks = chunkDocument(doc);

  it('keeps heading paths joined with " > " (the title H1 is not repeated)', () => {
    expect(chunks.map((c) => c.heading)).toContain('Access > AWS');
    expect(chunks.filter((c) => c.heading === 'Access > AWS').length).toBeGreaterThan(2);
    expect(chunks.every((c) => !c.heading.startsWith('Guide'))).toBe(true);
  });

  it('splits long sections into pieces of about 800-1200 characters', () => {
    const pieces = chunks.filter((c) => c.heading === 'Access > AWS');
    for (const p of pieces.slice(0, -1)) {
      expect(p.text.length).toBeGreaterThanOrEqual(700);
      expect(p.text.length).toBeLessThanOrEqual(DEFAULT_CHUNKING.max);
    }
  });

  it('repeats ~15% of a piece at the start of the next one', () => {
    const pieces = chunks.filter((c) => c.heading === 'Access > AWS');
    for (let i = 1; i < pieces.length; i++) {
      const head = pieces[i]!.text.slice(0, 60);
      expect(pieces[i - 1]!.text).toContain(head.split('\n')[0]!);
      const overlap = pieces[i]!.text.split('\n\n')[0]!;
      expect(overlap.length).toBeGreaterThan(50);
      expect(overlap.length).toBeLessThan(0.3 * DEFAULT_CHUNKING.target);
    }
  });

  it('merges tiny sibling sections, keeping their headings in the text', () => {
    const merged = chunks.find((c) => c.text.includes('Short.'))!;
    expect(merged.text).toContain('Also short.');
    expect(merged.text).toMatch(/Tiny (A|B)\n/);
  });

  it('gives every chunk a content hash that changes with the text', () => {
    expect(new Set(chunks.map((c) => c.hash)).size).toBe(chunks.length);
    const again = chunkDocument(parseDocument('guide.md', md.replace('Also short.', 'Also brief.'), 'markdown'));
    expect(again.filter((c, i) => c.hash !== chunks[i]?.hash)).toHaveLength(1);
  });
});

describe('mergeTiny', () => {
  it('never merges across different parents', () => {
    const out = mergeTiny([
      { headings: ['A', 'x'], text: 'tiny' },
      { headings: ['B', 'y'], text: 'tiny too' },
    ]);
    expect(out).toHaveLength(2);
  });

  it('merges a tiny parent intro into its first child', () => {
    const out = mergeTiny([
      { headings: ['A'], text: 'Intro.' },
      { headings: ['A', 'x'], text: 'Child text. '.repeat(40) },
    ]);
    expect(out).toEqual([{ headings: ['A', 'x'], text: `Intro.\n\n${'Child text. '.repeat(40)}` }]);
  });
});

describe('splitLong', () => {
  it('hard-splits text without sentence breaks', () => {
    const pieces = splitLong('word '.repeat(1000));
    expect(pieces.length).toBeGreaterThan(4);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(DEFAULT_CHUNKING.max);
  });
});
