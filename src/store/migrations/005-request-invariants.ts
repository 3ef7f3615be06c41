// Migration 5: "one open request per change" held by the database (open_key + partial unique index), and retry_at for executor backoff.
import type { Migration } from './types.js';

const OPEN = `('pending','approved','executing')`;

/**
 * The open key of a stored row, computed from its payload the way the request service does
 * (`<change kind>|<user id>|<resource>`), for back-filling rows written before this migration.
 */
function keyOf(d: 'sqlite' | 'postgres', t: string): string {
  // Parenthesized: PostgreSQL's ->, ->> and || share one precedence.
  const kind = d === 'postgres' ? `((${t}.payload)->'change'->>'kind')` : `json_extract(${t}.payload, '$.change.kind')`;
  const user =
    d === 'postgres' ? `((${t}.payload)->'change'->>'userId')` : `json_extract(${t}.payload, '$.change.userId')`;
  return `(${kind} || '|' || ${user} || '|' || COALESCE(${t}.resource, ''))`;
}

export const migration005: Migration = {
  version: 5,
  name: 'request-invariants',
  up: (d, t) => [
    `ALTER TABLE access_requests ADD COLUMN open_key TEXT`,
    `ALTER TABLE access_requests ADD COLUMN retry_at ${t.ts}`,
    // Back-fill: only the oldest open request of each change gets the key. Duplicates that slipped in before this
    // migration stay open without one (they finish normally), so the unique index can be built over existing data.
    `UPDATE access_requests AS a SET open_key = ${keyOf(d, 'a')}
     WHERE a.status IN ${OPEN} AND ${keyOf(d, 'a')} IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM access_requests b WHERE b.status IN ${OPEN} AND ${keyOf(d, 'b')} = ${keyOf(d, 'a')}
       AND (b.created_at < a.created_at OR (b.created_at = a.created_at AND b.id < a.id)))`,
    `CREATE UNIQUE INDEX access_requests_open_key ON access_requests (open_key) WHERE open_key IS NOT NULL`,
  ],
};
