// Migration 6: the local (demo) directory's change log, replayed over the embedded seed by every replica, and its head row.
import type { Migration } from './types.js';

export const migration006: Migration = {
  version: 6,
  name: 'directory-changes',
  up: (_d, t) => [
    `CREATE TABLE directory_changes (
      seq ${t.int8} PRIMARY KEY,
      change ${t.json} NOT NULL,
      created_at ${t.ts} NOT NULL
    )`,
    // One row: the newest seq (a cheap freshness check for readers) and the lock writers take to append in order.
    `CREATE TABLE directory_head (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      seq ${t.int8} NOT NULL
    )`,
    `INSERT INTO directory_head (id, seq) VALUES (1, 0)`,
  ],
};
