// Secret scrubber for audit arguments: a second line of defence after the caller's own redaction.
import { findCredential } from '../core/secret-scan.js';

const SECRET_KEY = /token|secret|password|passwd|authorization|cookie|api[_-]?key|private[_-]?key|client[_-]?secret/i;
/** Credential-looking values, whatever the key: `Bearer …`, Okta `SSWS …`, `Basic …`, PEM private keys. */
const SECRET_VALUE = /^\s*(bearer|ssws|basic)\s+\S{8,}|-----BEGIN [A-Z ]*PRIVATE KEY-----/i;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const MAX_DEPTH = 16;

export const REDACTED = '[redacted]';

/**
 * Returns a copy of `value` with secret-named keys and credential-looking strings replaced by
 * "[redacted]". Strings are also made storable everywhere (no NUL, no lone surrogates), so the
 * record reads back byte-for-byte and its hash still verifies.
 */
export function scrubSecrets(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return cleanString(value);
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return null;
    if (typeof value === 'bigint') return value.toString();
    return typeof value === 'function' || typeof value === 'symbol' ? undefined : value;
  }
  if (depth >= MAX_DEPTH) return '[truncated]';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => scrubSecrets(v, depth + 1) ?? null);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    out[storable(key)] = SECRET_KEY.test(key) ? REDACTED : scrubSecrets(v, depth + 1);
  }
  return out;
}

/** Storable string (PostgreSQL rejects NUL in text and jsonb, and lone surrogates in jsonb); credential-looking text is redacted whole. */
export function cleanString(s: string): string {
  return SECRET_VALUE.test(s) || findCredential(s) ? REDACTED : storable(s);
}

/** Replaces characters PostgreSQL cannot store with U+FFFD. */
export function storable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u0000/g, '\ufffd').replace(LONE_SURROGATE, '\ufffd');
}
