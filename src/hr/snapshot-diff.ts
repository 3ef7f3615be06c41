// Pure diff of two HR snapshots: who joined, who left and which fields changed (joiner/mover/leaver).
import type { HrRecord } from '../core/hr.js';
import { fieldValue, HR_RECORD_FIELDS, type HrRecordField } from './hr-fields.js';

export interface HrFieldChange {
  from: string | null;
  to: string | null;
}

export interface HrRecordChange {
  employeeId: string;
  /** Only the fields that differ; absent, null and '' all read as null. */
  fields: Partial<Record<HrRecordField, HrFieldChange>>;
}

export interface HrSnapshotDiff {
  added: HrRecord[];
  removed: HrRecord[];
  changed: HrRecordChange[];
}

/** The fields that differ between two records of the same employee (empty when equal). */
export function diffHrRecords(a: HrRecord, b: HrRecord): HrRecordChange['fields'] {
  const fields: HrRecordChange['fields'] = {};
  for (const f of HR_RECORD_FIELDS) {
    const from = fieldValue(a, f);
    const to = fieldValue(b, f);
    if (from !== to) fields[f] = { from, to };
  }
  return fields;
}

/**
 * Compares two snapshots by employeeId. Output follows the new snapshot's order for `added` and
 * `changed`, and the old one's for `removed`, so results are deterministic.
 */
export function diffHrSnapshots(oldRecords: readonly HrRecord[], newRecords: readonly HrRecord[]): HrSnapshotDiff {
  const before = new Map(oldRecords.map((r) => [r.employeeId, r]));
  const after = new Map(newRecords.map((r) => [r.employeeId, r]));
  const added: HrRecord[] = [];
  const changed: HrRecordChange[] = [];
  for (const r of newRecords) {
    const prev = before.get(r.employeeId);
    if (!prev) {
      added.push(r);
      continue;
    }
    const fields = diffHrRecords(prev, r);
    if (Object.keys(fields).length > 0) changed.push({ employeeId: r.employeeId, fields });
  }
  const removed = oldRecords.filter((r) => !after.has(r.employeeId));
  return { added, removed, changed };
}
