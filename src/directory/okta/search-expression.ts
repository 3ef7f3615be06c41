// Builds Okta filter/search expressions from user input: JSON-string escaping and rejection of unsafe characters.
import { InvalidInputError } from '../../core/errors.js';

/** Control characters (C0, DEL, C1) and line/paragraph separators: never legitimate in a name or id. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const ATTRIBUTE = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;
export const MAX_LITERAL_LENGTH = 256;

/** Throws InvalidInputError unless `value` is a string safe to send to Okta (no control characters, bounded). */
export function assertSafeText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0)
    throw new InvalidInputError(`${field} must be a non-empty string.`);
  if (value.length > MAX_LITERAL_LENGTH)
    throw new InvalidInputError(`${field} is longer than ${MAX_LITERAL_LENGTH} characters.`);
  if (UNSAFE.test(value) || LONE_SURROGATE.test(value)) {
    throw new InvalidInputError(`${field} contains control characters, which are not allowed in directory searches.`, {
      hint: 'Remove line breaks, tabs and other invisible characters.',
    });
  }
  return value;
}

/** A JSON string literal for an Okta expression: `"` and `\` are escaped, so the value can never end the literal. */
export function literal(value: string, field = 'value'): string {
  assertSafeText(value, field);
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export type Operator = 'eq' | 'sw' | 'co' | 'gt' | 'ge' | 'lt' | 'le';

/** `attr op "value"`; the attribute must be a plain dotted name (they come from code, never from input). */
export function compare(attr: string, op: Operator, value: string, field?: string): string {
  if (!ATTRIBUTE.test(attr)) throw new Error(`invalid Okta attribute name: ${attr}`);
  return `${attr} ${op} ${literal(value, field ?? attr)}`;
}

const join = (word: 'and' | 'or', parts: string[]): string => {
  if (parts.length === 0) throw new Error(`empty ${word} expression`);
  return parts.length === 1 ? parts[0]! : parts.map((p) => `(${p})`).join(` ${word} `);
};

/** Every part must hold; each part is parenthesised so precedence never depends on the parts' contents. */
export const allOf = (...parts: string[]): string => join('and', parts);
/** Any part may hold. */
export const anyOf = (...parts: string[]): string => join('or', parts);
