// Migration 4: the durable job queue (per-key ordering, leases, dead letters) and the processed-events ledger.
import type { Migration } from './types.js';

export const migration004: Migration = {
  version: 4,
  name: 'jobs',
  up: (d, t) => [
    `CREATE TABLE jobs (
      seq ${d === 'postgres' ? 'BIGSERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT'},
      id TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL,
      job_key TEXT,
      payload ${t.json} NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('queued','running','done','dead')),
      attempts INTEGER NOT NULL DEFAULT 0,
      max_attempts INTEGER NOT NULL,
      run_after ${t.ts} NOT NULL,
      order_at ${t.ts} NOT NULL,
      dedupe_key TEXT UNIQUE,
      last_error TEXT,
      worker_id TEXT,
      lease_until ${t.ts},
      created_at ${t.ts} NOT NULL,
      updated_at ${t.ts} NOT NULL
    )`,
    `CREATE INDEX jobs_runnable ON jobs (status, run_after)`,
    `CREATE INDEX jobs_key ON jobs (job_key, status, order_at)`,
    `CREATE INDEX jobs_order ON jobs (order_at, seq)`,
    `CREATE TABLE processed_events (
      event_id TEXT PRIMARY KEY,
      source TEXT NOT NULL,
      processed_at ${t.ts} NOT NULL
    )`,
    `CREATE INDEX processed_events_at ON processed_events (processed_at)`,
  ],
};
