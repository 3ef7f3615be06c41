// Migration 3: access requests (with optimistic version) and their approvals.
import type { Migration } from './types.js';

export const migration003: Migration = {
  version: 3,
  name: 'requests',
  up: (_d, t) => [
    `CREATE TABLE access_requests (
      id TEXT PRIMARY KEY,
      status TEXT NOT NULL CHECK (status IN ('pending','approved','denied','cancelled','expired','executing','applied','failed','revoked')),
      tool TEXT NOT NULL,
      payload ${t.json} NOT NULL,
      requester_client TEXT NOT NULL,
      requester_person TEXT,
      subject TEXT,
      resource TEXT,
      reason TEXT,
      decision ${t.json},
      policy_hash TEXT,
      created_at ${t.ts} NOT NULL,
      updated_at ${t.ts} NOT NULL,
      expires_at ${t.ts},
      grant_expires_at ${t.ts},
      directory_request_id TEXT,
      failure_reason TEXT,
      claimed_by TEXT,
      claimed_at ${t.ts},
      version INTEGER NOT NULL
    )`,
    `CREATE INDEX access_requests_status ON access_requests (status, created_at)`,
    `CREATE INDEX access_requests_requester ON access_requests (requester_client, created_at)`,
    `CREATE INDEX access_requests_subject ON access_requests (subject)`,
    `CREATE INDEX access_requests_expires ON access_requests (expires_at)`,
    `CREATE INDEX access_requests_grant_expires ON access_requests (grant_expires_at)`,
    `CREATE TABLE approvals (
      request_id TEXT NOT NULL REFERENCES access_requests (id),
      approver_login TEXT NOT NULL,
      decision TEXT NOT NULL CHECK (decision IN ('approve','deny')),
      comment TEXT,
      at ${t.ts} NOT NULL,
      UNIQUE (request_id, approver_login)
    )`,
  ],
};
