// Migration 9: on PostgreSQL the audit log's JSON fields become TEXT, kept exactly as written (canonical JSON).
import type { Migration } from './types.js';

/**
 * JSONB re-orders keys and adds spaces, so the driver had to parse every record's args and targets and verify had to
 * serialize them again (about 32k records/s). As TEXT the stored bytes are the canonical bytes the hash covers, and
 * verify hashes them as they are. Records written before this migration keep JSONB's text: verify parses those, as
 * before. Nothing queries inside these columns. SQLite already stores TEXT.
 */
export const migration009: Migration = {
  version: 9,
  name: 'audit-json-text',
  up: (d) =>
    d === 'postgres'
      ? [
          'ALTER TABLE audit_log ALTER COLUMN args TYPE TEXT USING args::text, ALTER COLUMN targets TYPE TEXT USING targets::text',
        ]
      : [],
};
