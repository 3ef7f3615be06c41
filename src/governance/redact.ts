// Redact step: remove fields the caller's scope hides, wherever they appear in an output.

/** The same fact under other names (HR's copy of a directory field): hiding one hides them all. */
const ALIASES: Record<string, string[]> = { title: ['jobTitle'], employeeNumber: ['employeeId'], location: ['city'] };

/** Returns a copy of `value` without any object key listed in `hidden`, or an alias of one (at any depth). */
export function redact<T>(value: T, hidden: readonly string[]): T {
  if (hidden.length === 0) return value;
  const set = new Set(hidden.flatMap((h) => [h, ...(ALIASES[h] ?? [])]));
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
