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
    // Partial indexes over live jobs only: claims stay fast however many done jobs pile up before pruning.
    `CREATE INDEX jobs_live_order ON jobs (order_at, seq) WHERE status IN ('queued', 'running')`,
    `CREATE INDEX jobs_live_key ON jobs (job_key, order_at, seq) WHERE status IN ('queued', 'running')`,
    `CREATE INDEX jobs_status ON jobs (status, seq)`,
    `CREATE INDEX jobs_done_at ON jobs (updated_at) WHERE status = 'done'`,
    `CREATE TABLE processed_events (
      event_id TEXT PRIMARY KEY,
      source TEXT NOT NULL,
      processed_at ${t.ts} NOT NULL
    )`,
    `CREATE INDEX processed_events_at ON processed_events (processed_at)`,
  ],
};
