// Redact step: remove fields the caller's scope hides, wherever they appear in an output.

/** Returns a copy of `value` without any object key listed in `hidden` (at any depth). */
export function redact<T>(value: T, hidden: readonly string[]): T {
  if (hidden.length === 0) return value;
  const set = new Set(hidden);
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (!set.has(k)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}
