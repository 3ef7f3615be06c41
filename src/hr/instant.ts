// Parsing of the ISO-8601 instants that HrPort.changedSince accepts.
import { InvalidInputError } from '../core/errors.js';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Parses an ISO-8601 instant with `Z` or an offset to epoch ms; anything else is invalid input. */
export function parseInstant(since: string): number {
  const s = since.trim();
  const t = ISO_INSTANT.test(s) ? Date.parse(s) : NaN;
  if (Number.isNaN(t))
    throw new InvalidInputError(`"${since.slice(0, 40)}" is not an ISO-8601 instant.`, {
      hint: 'Use a form like 2024-05-01T00:00:00Z.',
    });
  return t;
}
