// Mapping between audit records and audit_log rows (one column per field, so every field is covered by the hash).
import type { AuditRecord, SealedAuditRow } from '../../core/audit.js';
import { canonicalJson } from '../../audit/canonical-json.js';
import { recordOfSealed } from '../../audit/chain.js';

export const AUDIT_COLUMNS = [
  'seq',
  'id',
  'at',
  'actor_kind',
  'actor_client',
  'actor_person_id',
  'actor_person_login',
  'actor_person_name',
  'action',
  'tool',
  'target',
  'args',
  'decision_effect',
  'decision_rule',
  'policy_hash',
  'outcome',
  'error_code',
  'duration_ms',
  'request_id',
  'directory_request_id',
  'prev_hash',
  'hash',
  'targets',
] as const;

/** Column values in AUDIT_COLUMNS order. JSON is written canonical (sorted keys), so reading it back needs no sorting. */
export function auditParams(r: AuditRecord): unknown[] {
  return [
    r.seq,
    r.id,
    r.at,
    r.actor.kind,
    r.actor.clientId,
    r.actor.person?.id,
    r.actor.person?.login,
    r.actor.person?.displayName,
    r.action,
    r.tool,
    r.target,
    canonicalJson(r.args),
    r.decision?.effect,
    r.decision?.rule,
    r.decision?.policyHash,
    r.outcome,
    r.errorCode,
    r.durationMs,
    r.requestId,
    r.directoryRequestId,
    r.prevHash,
    r.hash,
    r.targets ? canonicalJson(r.targets) : undefined,
  ].map((v) => (v === undefined ? null : v));
}

/** Rebuilds the record exactly as it was sealed: NULL columns become absent fields. */
export function auditFromRow(row: Record<string, unknown>): AuditRecord {
  return auditFromValues(AUDIT_COLUMNS.map((c) => row[c]));
}

const str = (v: unknown): string => (typeof v === 'string' ? v : String(v));

/** Stored JSON as text: SQLite returns the text as written; PostgreSQL's JSONB comes back parsed and is re-serialized. */
const jsonText = (v: unknown): string => (typeof v === 'string' ? v : canonicalJson(v));

/**
 * The row from column values in AUDIT_COLUMNS order (what a raw-mode read returns), JSON fields left as text. Written
 * for speed: verify reads every record of the log, so no intermediate objects, only the row's own.
 */
export function sealedFromValues(v: readonly unknown[]): SealedAuditRow {
  const actor: AuditRecord['actor'] = { kind: v[3] as AuditRecord['actor']['kind'], clientId: str(v[4]) };
  if (v[5] != null) {
    actor.person = { id: str(v[5]), login: v[6] == null ? '' : str(v[6]) };
    if (v[7] != null) actor.person.displayName = str(v[7]);
  }
  const row: SealedAuditRow = {
    seq: Number(v[0]),
    id: str(v[1]),
    at: v[2] instanceof Date ? v[2].toISOString() : v[2] == null ? '' : str(v[2]),
    actor,
    action: str(v[8]),
    argsJson: v[11] == null ? '{}' : jsonText(v[11]),
    outcome: str(v[15]),
    prevHash: str(v[20]),
    hash: str(v[21]),
  };
  if (v[9] != null) row.tool = str(v[9]);
  if (v[10] != null) row.target = str(v[10]);
  if (v[22] != null) row.targetsJson = jsonText(v[22]);
  if (v[12] != null) {
    row.decision = {
      effect: v[12] as NonNullable<AuditRecord['decision']>['effect'],
      rule: v[13] == null ? '' : str(v[13]),
      policyHash: v[14] == null ? '' : str(v[14]),
    };
  }
  if (v[16] != null) row.errorCode = str(v[16]);
  if (v[17] != null) row.durationMs = Number(v[17]);
  if (v[18] != null) row.requestId = str(v[18]);
  if (v[19] != null) row.directoryRequestId = str(v[19]);
  return row;
}

/** The record from column values in AUDIT_COLUMNS order: the sealed row with its JSON fields parsed. */
export function auditFromValues(v: readonly unknown[]): AuditRecord {
  return recordOfSealed(sealedFromValues(v));
}
