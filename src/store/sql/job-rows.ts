// Mapping between job objects and jobs rows.
import type { JobRow, JobStatus } from '../../core/store.js';
import { assignDefined, isoValue, jsonValue, textValue } from './values.js';

export function jobFromRow(row: Record<string, unknown>): JobRow {
  const out: JobRow = {
    id: String(row.id),
    kind: String(row.kind),
    payload: jsonValue<Record<string, unknown>>(row.payload) ?? {},
    status: row.status as JobStatus,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    runAfter: isoValue(row.run_after) ?? '',
    orderAt: isoValue(row.order_at) ?? '',
    createdAt: isoValue(row.created_at) ?? '',
    updatedAt: isoValue(row.updated_at) ?? '',
  };
  return assignDefined(out, {
    key: textValue(row.job_key),
    dedupeKey: textValue(row.dedupe_key),
    lastError: textValue(row.last_error),
    workerId: textValue(row.worker_id),
    leaseUntil: isoValue(row.lease_until),
  });
}

/** Exponential backoff after the n-th failed attempt (n >= 1), capped. */
export const backoffMs = (attempts: number, baseMs: number, maxMs: number): number =>
  Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
