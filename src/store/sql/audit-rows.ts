// Mapping between audit records and audit_log rows (one column per field, so every field is covered by the hash).
import type { AuditRecord } from '../../core/audit.js';
import { assignDefined, isoValue, jsonValue, textValue } from './values.js';

export const AUDIT_COLUMNS = [
  'seq', 'id', 'at', 'actor_kind', 'actor_client', 'actor_person_id', 'actor_person_login', 'actor_person_name',
  'action', 'tool', 'target', 'args', 'decision_effect', 'decision_rule', 'policy_hash', 'outcome', 'error_code',
  'duration_ms', 'request_id', 'directory_request_id', 'prev_hash', 'hash',
] as const;

/** Column values in AUDIT_COLUMNS order. */
export function auditParams(r: AuditRecord): unknown[] {
  return [
    r.seq, r.id, r.at, r.actor.kind, r.actor.clientId, r.actor.person?.id, r.actor.person?.login, r.actor.person?.displayName,
    r.action, r.tool, r.target, JSON.stringify(r.args), r.decision?.effect, r.decision?.rule, r.decision?.policyHash, r.outcome,
    r.errorCode, r.durationMs, r.requestId, r.directoryRequestId, r.prevHash, r.hash,
  ].map((v) => (v === undefined ? null : v));
}

/** Rebuilds the record exactly as it was sealed: NULL columns become absent fields. */
export function auditFromRow(row: Record<string, unknown>): AuditRecord {
  const actor: AuditRecord['actor'] = { kind: row.actor_kind as AuditRecord['actor']['kind'], clientId: String(row.actor_client) };
  if (row.actor_person_id != null) {
    actor.person = { id: String(row.actor_person_id), login: String(row.actor_person_login ?? '') };
    assignDefined(actor.person, { displayName: textValue(row.actor_person_name) });
  }
  const record: AuditRecord = {
    seq: Number(row.seq),
    id: String(row.id),
    at: isoValue(row.at) ?? '',
    actor,
    action: String(row.action),
    args: jsonValue<Record<string, unknown>>(row.args) ?? {},
    outcome: String(row.outcome),
    prevHash: String(row.prev_hash),
    hash: String(row.hash),
  };
  if (row.decision_effect != null) {
    record.decision = {
      effect: row.decision_effect as NonNullable<AuditRecord['decision']>['effect'],
      rule: String(row.decision_rule ?? ''),
      policyHash: String(row.policy_hash ?? ''),
    };
  }
  return assignDefined(record, {
    tool: textValue(row.tool),
    target: textValue(row.target),
    errorCode: textValue(row.error_code),
    durationMs: row.duration_ms == null ? undefined : Number(row.duration_ms),
    requestId: textValue(row.request_id),
    directoryRequestId: textValue(row.directory_request_id),
  });
}
