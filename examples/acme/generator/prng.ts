// Seeded randomness, deterministic ids and fixed-clock date helpers, so every run produces the same bytes.

/** The generator's "now": every date in the demo company is derived from this instant. */
export const NOW = Date.parse('2026-11-01T00:00:00.000Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const iso = (ms: number): string => new Date(ms).toISOString();
export const ymd = (ms: number): string => iso(ms).slice(0, 10);
export const day = (date: string): number => Date.parse(`${date}T00:00:00.000Z`);

/** FNV-1a, used to derive an independent stream per concern from a label. */
function hashSeed(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** mulberry32 with a few conveniences. */
export class Rng {
  private state: number;
  constructor(label: string) {
    this.state = hashSeed(`acme:${label}`);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) if ((r -= w) < 0) return item;
    return items[items.length - 1]![0];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  /** A time in [from, to], rounded to the second and given a stable millisecond part. */
  between(from: number, to: number): number {
    if (to < from) throw new Error(`empty range ${iso(from)}..${iso(to)}`);
    return Math.floor((from + this.next() * (to - from)) / 1000) * 1000 + this.int(0, 999);
  }
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Okta-style ids (20 alphanumeric characters with a type prefix) and v4 uuids, never repeated. */
export class IdFactory {
  private readonly seen = new Set<string>();
  constructor(private readonly rng: Rng) {}

  okta(prefix: '00u' | '00g' | '0oa' | 'ra'): string {
    for (;;) {
      let id = prefix;
      while (id.length < 20) id += this.rng.pick([...ALNUM]);
      if (!this.seen.has(id)) return this.remember(id);
    }
  }

  uuid(): string {
    const hex = Array.from({ length: 32 }, () => this.rng.int(0, 15).toString(16));
    hex[12] = '4';
    hex[16] = '89ab'[this.rng.int(0, 3)]!;
    const s = hex.join('');
    return this.remember(`${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`);
  }

  private remember(id: string): string {
    this.seen.add(id);
    return id;
  }
}
