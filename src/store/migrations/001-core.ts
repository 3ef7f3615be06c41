// Migration 1: key-value meta (cursors) and API keys.
import type { Migration } from './types.js';

export const migration001: Migration = {
  version: 1,
  name: 'core',
  up: (_d, t) => [
    `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
    `CREATE TABLE api_keys (
      id TEXT PRIMARY KEY,
      client_id TEXT NOT NULL,
      key_hash TEXT NOT NULL UNIQUE,
      prefix TEXT NOT NULL,
      created_by TEXT,
      person_login TEXT,
      created_at ${t.ts} NOT NULL,
      revoked_at ${t.ts}
    )`,
    `CREATE INDEX api_keys_client ON api_keys (client_id)`,
  ],
};
