// Migration 2: the audit log, its chain-head row (the append lock), and append-only triggers.
import type { Migration } from './types.js';

export const migration002: Migration = {
  version: 2,
  name: 'audit',
  up: (d, t) => [
    `CREATE TABLE audit_log (
      seq ${t.int8} PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      at ${t.ts} NOT NULL,
      actor_kind TEXT NOT NULL,
      actor_client TEXT NOT NULL,
      actor_person_id TEXT,
      actor_person_login TEXT,
      actor_person_name TEXT,
      action TEXT NOT NULL,
      tool TEXT,
      target TEXT,
      args ${t.json} NOT NULL,
      decision_effect TEXT,
      decision_rule TEXT,
      policy_hash TEXT,
      outcome TEXT NOT NULL,
      error_code TEXT,
      duration_ms ${t.int8},
      request_id TEXT,
      directory_request_id TEXT,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    )`,
    `CREATE INDEX audit_log_at ON audit_log (at)`,
    `CREATE INDEX audit_log_actor_client ON audit_log (actor_client, seq)`,
    `CREATE INDEX audit_log_actor_person ON audit_log (actor_person_login, seq)`,
    `CREATE INDEX audit_log_target ON audit_log (target, seq)`,
    `CREATE INDEX audit_log_request ON audit_log (request_id)`,
    // One row; appenders lock it (FOR UPDATE / IMMEDIATE) so seq and prev_hash are assigned in order.
    `CREATE TABLE audit_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq ${t.int8} NOT NULL, hash TEXT NOT NULL)`,
    `INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '${'0'.repeat(64)}')`,
    ...(d === 'postgres'
      ? [
          `CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`,
          `CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
           FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
        ]
      : [
          `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
          `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
        ]),
  ],
};
