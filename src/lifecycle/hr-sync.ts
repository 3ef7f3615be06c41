// HR change detection: a diff of the whole export (file adapter) or the "changed since" feed (BambooHR), producing hr.change jobs.
import { createHash } from 'node:crypto';
import type { HrRecord } from '../core/hr.js';
import type { NewJob, Store } from '../core/store.js';
import { diffHrSnapshots } from '../hr/snapshot-diff.js';
import type { HrPort } from '../core/hr.js';

export const HR_JOBS = { change: 'hr.change', fetch: 'hr.fetch' } as const;
const SNAPSHOT = 'lifecycle:hr:snapshot';
const CURSOR = 'lifecycle:hr:cursor';
export const employeeSnapshotKey = (id: string) => `lifecycle:hr:employee:${id}`;

export interface HrSyncResult {
  mode: 'baseline' | 'diff' | 'changed-since';
  jobs: number;
}

/** Deduped on the content of the change, so two replicas diffing the same export file one job, not two. */
const changeJob = (employeeId: string, before: HrRecord | null, after: HrRecord | null): NewJob => ({
  kind: HR_JOBS.change,
  key: `hr:${employeeId}`,
  payload: { employeeId, before, after },
  dedupeKey: `hr.change:${employeeId}:${createHash('sha256')
    .update(JSON.stringify([before, after]))
    .digest('hex')
    .slice(0, 32)}`,
});

/**
 * File adapter: compares the new export with the last one seen (kept in the Store) and enqueues one
 * job per added, changed or removed employee. The first run only records a baseline.
 */
export async function syncHrExport(store: Store, hr: HrPort): Promise<HrSyncResult> {
  const records = await hr.listEmployees();
  const raw = await store.getMeta(SNAPSHOT);
  if (raw === null) {
    await store.setMeta(SNAPSHOT, JSON.stringify(records));
    return { mode: 'baseline', jobs: 0 };
  }
  const before = JSON.parse(raw) as HrRecord[];
  const diff = diffHrSnapshots(before, records);
  const old = new Map(before.map((r) => [r.employeeId, r]));
  const fresh = new Map(records.map((r) => [r.employeeId, r]));
  const jobs = [
    ...diff.added.map((r) => changeJob(r.employeeId, null, r)),
    ...diff.changed.map((c) => changeJob(c.employeeId, old.get(c.employeeId)!, fresh.get(c.employeeId)!)),
    ...diff.removed.map((r) => changeJob(r.employeeId, r, null)),
  ];
  // Jobs and the new snapshot commit together: a crash re-runs the diff, never loses or repeats it.
  await store.withTransaction(async (tx) => {
    for (const j of jobs) await tx.enqueueJob(j);
    await tx.setMeta(SNAPSHOT, JSON.stringify(records));
  });
  return { mode: 'diff', jobs: jobs.length };
}

/**
 * BambooHR: asks which employees changed since the stored cursor and enqueues an hr.fetch job for
 * each (the job reads the record and compares it with the last one seen). The first run records
 * every employee as the baseline.
 */
export async function syncHrChangedSince(store: Store, hr: HrPort, now: Date): Promise<HrSyncResult> {
  const cursor = await store.getMeta(CURSOR);
  const stamp = now.toISOString();
  if (cursor === null) {
    for (const r of await hr.listEmployees()) await store.setMeta(employeeSnapshotKey(r.employeeId), JSON.stringify(r));
    await store.setMeta(CURSOR, stamp);
    return { mode: 'baseline', jobs: 0 };
  }
  const ids = await hr.changedSince(cursor);
  await store.withTransaction(async (tx) => {
    for (const id of ids) await tx.enqueueJob(fetchJob(id, `poll:${cursor}`));
    await tx.setMeta(CURSOR, stamp);
  });
  return { mode: 'changed-since', jobs: ids.length };
}

/** A job that reads one employee now and compares with the last snapshot (webhooks and the changed-since poll). */
export const fetchJob = (employeeId: string, origin: string): NewJob => ({
  kind: HR_JOBS.fetch,
  key: `hr:${employeeId}`,
  payload: { employeeId, origin },
  dedupeKey: `hr.fetch:${employeeId}:${origin}`,
});

/** hr.fetch: the record now vs the last one seen; enqueues an hr.change when they differ and stores the new snapshot. */
export async function runHrFetch(store: Store, hr: HrPort, employeeId: string): Promise<boolean> {
  const raw = await store.getMeta(employeeSnapshotKey(employeeId));
  const before = raw ? (JSON.parse(raw) as HrRecord) : null;
  const after = await hr.getEmployee(employeeId);
  if (JSON.stringify(before) === JSON.stringify(after)) return false;
  await store.withTransaction(async (tx) => {
    await tx.enqueueJob(changeJob(employeeId, before, after));
    await tx.setMeta(employeeSnapshotKey(employeeId), JSON.stringify(after));
  });
  return true;
}
