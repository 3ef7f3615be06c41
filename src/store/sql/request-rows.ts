// Mapping between access-request objects and access_requests rows.
import type { AccessRequestRow, ApprovalRow, RequestStatus } from '../../core/store.js';
import { assignDefined, isoParam, isoValue, jsonValue, textValue } from './values.js';

/** API field → column, for every column that can be written. */
export const REQUEST_COLUMNS = {
  id: 'id',
  status: 'status',
  tool: 'tool',
  payload: 'payload',
  requesterClient: 'requester_client',
  requesterPerson: 'requester_person',
  subject: 'subject',
  resource: 'resource',
  reason: 'reason',
  decision: 'decision',
  policyHash: 'policy_hash',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  expiresAt: 'expires_at',
  grantExpiresAt: 'grant_expires_at',
  directoryRequestId: 'directory_request_id',
  failureReason: 'failure_reason',
  claimedBy: 'claimed_by',
  claimedAt: 'claimed_at',
  openKey: 'open_key',
  retryAt: 'retry_at',
  version: 'version',
} as const satisfies Record<keyof AccessRequestRow, string>;

const JSON_FIELDS = new Set(['payload', 'decision']);
const TIME_FIELDS = new Set(['createdAt', 'updatedAt', 'expiresAt', 'grantExpiresAt', 'claimedAt', 'retryAt']);

/** One field's value as a query parameter: JSON as text, instants normalized, absent as NULL. */
export function requestParam(field: string, value: unknown): unknown {
  if (value == null) return null;
  if (JSON_FIELDS.has(field)) return JSON.stringify(value);
  if (TIME_FIELDS.has(field)) return isoParam(value as string);
  return value;
}

export function requestFromRow(row: Record<string, unknown>): AccessRequestRow {
  const out: AccessRequestRow = {
    id: String(row.id),
    status: row.status as RequestStatus,
    tool: String(row.tool),
    payload: jsonValue<Record<string, unknown>>(row.payload) ?? {},
    requesterClient: String(row.requester_client),
    createdAt: isoValue(row.created_at) ?? '',
    updatedAt: isoValue(row.updated_at) ?? '',
    version: Number(row.version),
  };
  return assignDefined(out, {
    requesterPerson: textValue(row.requester_person),
    subject: textValue(row.subject),
    resource: textValue(row.resource),
    reason: textValue(row.reason),
    decision: jsonValue<Record<string, unknown>>(row.decision),
    policyHash: textValue(row.policy_hash),
    expiresAt: isoValue(row.expires_at),
    grantExpiresAt: isoValue(row.grant_expires_at),
    directoryRequestId: textValue(row.directory_request_id),
    failureReason: textValue(row.failure_reason),
    claimedBy: textValue(row.claimed_by),
    claimedAt: isoValue(row.claimed_at),
    openKey: textValue(row.open_key),
    retryAt: isoValue(row.retry_at),
  });
}

export function approvalFromRow(row: Record<string, unknown>): ApprovalRow {
  const out: ApprovalRow = {
    requestId: String(row.request_id),
    approverLogin: String(row.approver_login),
    decision: row.decision as ApprovalRow['decision'],
    at: isoValue(row.at) ?? '',
  };
  return assignDefined(out, { comment: textValue(row.comment) });
}
