// Migration 8: what each audit record touched (`targets`, covered by the hash) and the term index behind the target filter.
import type { Migration } from './types.js';

export const migration008: Migration = {
  version: 8,
  name: 'audit-targets',
  up: (d, t) => [
    `ALTER TABLE audit_log ADD COLUMN targets ${t.json}`,
    // One row per (search term, record): "who looked up zara" is an index range, not a scan of the log.
    `CREATE TABLE audit_target_terms (term TEXT NOT NULL, seq ${t.int8} NOT NULL, PRIMARY KEY (term, seq))${d === 'sqlite' ? ' WITHOUT ROWID' : ''}`,
    // Records written before this migration are found by their `target` (e.g. `user:dana@acme.example`) and its handle.
    `INSERT INTO audit_target_terms (term, seq) SELECT DISTINCT lower(target), seq FROM audit_log WHERE target IS NOT NULL AND target <> ''`,
    `INSERT INTO audit_target_terms (term, seq)
       SELECT DISTINCT lower(substr(target, ${d === 'postgres' ? 'strpos' : 'instr'}(target, ':') + 1)), seq FROM audit_log
       WHERE target LIKE '_%:_%' ON CONFLICT DO NOTHING`,
  ],
};
