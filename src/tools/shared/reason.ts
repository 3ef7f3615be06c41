// The reason every access request needs, checked before policy adds its own rules (ticket ids, length).
import { InvalidInputError } from '../../core/errors.js';

/** Validates a reason the way every request tool needs, before policy adds its own rules. */
export function requireReason(reason: string): string {
  const r = reason.trim();
  if (!/[\p{L}\p{N}]/u.test(r))
    throw new InvalidInputError('reason must say why, in words (a reason of only punctuation is not accepted).');
  return r;
}
