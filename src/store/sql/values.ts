// Value conversions between the store's API (ISO strings, objects) and what each dialect stores and returns.

/** Normalizes an instant to `YYYY-MM-DDTHH:MM:SS.mmmZ` (also what SQLite stores, so text order is time order). */
export function isoParam(value: string | Date): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) throw new TypeError(`not a valid time: ${String(value)}`);
  return d.toISOString();
}

/** A stored instant (PostgreSQL Date, SQLite text) as an ISO string; undefined for NULL. */
export function isoValue(value: unknown): string | undefined {
  if (value == null) return undefined;
  return value instanceof Date ? value.toISOString() : String(value);
}

/** A stored JSON document (PostgreSQL jsonb is already parsed, SQLite is text); undefined for NULL. */
export function jsonValue<T>(value: unknown): T | undefined {
  if (value == null) return undefined;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** NULL as absent; anything else as a string. */
export function textValue(value: unknown): string | undefined {
  return value == null ? undefined : String(value);
}

/** Copies `fields` into `target` only when defined, so optional fields stay absent rather than undefined. */
export function assignDefined<T extends object>(target: T, fields: Partial<T>): T {
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) (target as Record<string, unknown>)[k] = v;
  return target;
}

/** Clamps a page size. */
export const clampLimit = (limit: number | undefined, fallback = 100, max = 10_000): number =>
  Math.max(1, Math.min(max, Math.floor(limit ?? fallback)));
