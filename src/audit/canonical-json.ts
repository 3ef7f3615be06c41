// Canonical JSON (sorted keys, no whitespace, undefined dropped): the byte string the audit hash covers.

/** Quoted object keys, kept because the same few keys repeat in every record (verify serializes millions). */
const quotedKeys = new Map<string, string>();
const quote = (key: string): string => {
  let q = quotedKeys.get(key);
  if (q === undefined) {
    q = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, q);
  }
  return q;
};

/** Serializes a JSON-like value with object keys sorted at every level, so equal data hashes equally. */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') {
    // Non-finite numbers become null, as JSON.stringify does; undefined at top level becomes null.
    return value === undefined ? 'null' : (JSON.stringify(value) ?? 'null');
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const item: unknown = value[i];
      out += item === undefined || typeof item === 'function' ? 'null' : canonicalJson(item);
    }
    return out + ']';
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  // Most objects are already in order (canonical text parsed back); sorting only when needed saves a sort per object.
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) {
      keys.sort();
      break;
    }
  }
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v = obj[key];
    if (v === undefined || typeof v === 'function') continue;
    out += (first ? '' : ',') + quote(key) + ':' + canonicalJson(v);
    first = false;
  }
  return out + '}';
}
