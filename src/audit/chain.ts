// The hash chain: how an audit input becomes a sealed record, and how a record's hash is computed.
import * as crypto from 'node:crypto';
import { createHash, randomBytes } from 'node:crypto';
import type { AuditHead, AuditInput, AuditRecord, AuditTarget, SealedAuditRow } from '../core/audit.js';
import { canonicalJson } from './canonical-json.js';
import { scrubSecrets, storable } from './scrub.js';
import { cleanTargets } from './targets.js';

/** prevHash of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

// Node's one-shot crypto.hash (20.12+) skips the Hash object per call: verify hashes a million short strings.
const oneShot = (crypto as unknown as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
const sha256Hex: (s: string) => string = oneShot
  ? (s) => oneShot('sha256', s, 'hex')
  : (s) => createHash('sha256').update(s).digest('hex');

/** SHA-256 (hex) of the canonical JSON of the record without its `hash` field. */
export function hashRecord(record: Omit<AuditRecord, 'hash'> & { hash?: string }): string {
  return sha256Hex(canonicalRecord(record));
}

// A record's fields in canonical (sorted) order, with their quoted names: the fast path below writes them directly.
const RECORD_KEYS = [
  'action',
  'actor',
  'args',
  'at',
  'decision',
  'directoryRequestId',
  'durationMs',
  'errorCode',
  'id',
  'outcome',
  'prevHash',
  'requestId',
  'seq',
  'target',
  'targets',
  'tool',
] as const;
const QUOTED = RECORD_KEYS.map((k) => `${JSON.stringify(k)}:`);
const value = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : canonicalJson(v));

/**
 * canonicalJson of the record without `hash`, byte for byte, written field by field in the known sorted order instead
 * of sorting keys per record (verify hashes a million of these). Any record with a field outside the known set takes
 * the generic path, so the bytes are always exactly canonicalJson's.
 */
export function canonicalRecord(record: Omit<AuditRecord, 'hash'> & { hash?: string }): string {
  const r = record as unknown as Record<string, unknown>;
  let out = '{';
  let present = 0;
  for (let i = 0; i < RECORD_KEYS.length; i++) {
    const v = r[RECORD_KEYS[i]!];
    if (v === undefined) continue;
    out += (present++ === 0 ? '' : ',') + QUOTED[i] + value(v);
  }
  let keys = 0;
  for (const k in r) if (r[k] !== undefined && k !== 'hash') keys++;
  if (keys === present) return `${out}}`;
  const { hash: _ignored, ...rest } = record;
  return canonicalJson(rest);
}

const q = JSON.stringify;

/**
 * canonicalRecord of a sealed row, splicing its stored JSON text (args, targets) in place of re-serializing it: the
 * store writes that text canonical, so for an untouched row this is the exact byte string the hash covers. Any
 * difference (text stored otherwise, a field this does not know) only makes the hash disagree; verify then takes
 * the full path (recordOfSealed + hashRecord) before it calls a record modified.
 */
export function canonicalSealed(r: SealedAuditRow): string {
  const p = r.actor.person;
  let out = `{"action":${q(r.action)},"actor":{"clientId":${q(r.actor.clientId)},"kind":${q(r.actor.kind)}`;
  if (p)
    out += `,"person":{${p.displayName === undefined ? '' : `"displayName":${q(p.displayName)},`}"id":${q(p.id)},"login":${q(p.login)}}`;
  out += `},"args":${r.argsJson},"at":${q(r.at)}`;
  const d = r.decision;
  if (d) out += `,"decision":{"effect":${q(d.effect)},"policyHash":${q(d.policyHash)},"rule":${q(d.rule)}}`;
  if (r.directoryRequestId !== undefined) out += `,"directoryRequestId":${q(r.directoryRequestId)}`;
  if (r.durationMs !== undefined) out += `,"durationMs":${q(r.durationMs)}`;
  if (r.errorCode !== undefined) out += `,"errorCode":${q(r.errorCode)}`;
  out += `,"id":${q(r.id)},"outcome":${q(r.outcome)},"prevHash":${q(r.prevHash)}`;
  if (r.requestId !== undefined) out += `,"requestId":${q(r.requestId)}`;
  out += `,"seq":${q(r.seq)}`;
  if (r.target !== undefined) out += `,"target":${q(r.target)}`;
  if (r.targetsJson !== undefined) out += `,"targets":${r.targetsJson}`;
  if (r.tool !== undefined) out += `,"tool":${q(r.tool)}`;
  return `${out}}`;
}

/** A sealed row as a record (JSON fields parsed). */
export function recordOfSealed(row: SealedAuditRow): AuditRecord {
  const { argsJson, targetsJson, ...rest } = row;
  const record: AuditRecord = { ...rest, args: JSON.parse(argsJson) as Record<string, unknown> };
  if (targetsJson !== undefined) record.targets = JSON.parse(targetsJson) as AuditTarget[];
  return record;
}

/**
 * True when the row's content still matches its hash. First as stored; then with its JSON text re-serialized
 * canonically (text written otherwise: PostgreSQL's JSONB era, or the same JSON in other bytes), which is
 * canonicalRecord of the parsed record, since a sealed row holds exactly the fields canonicalSealed writes.
 */
export function sealedRowIntact(r: SealedAuditRow): boolean {
  if (sha256Hex(canonicalSealed(r)) === r.hash) return true;
  let reparsed: SealedAuditRow;
  try {
    reparsed = { ...r, argsJson: canonicalJson(JSON.parse(r.argsJson)) };
    if (r.targetsJson !== undefined) reparsed.targetsJson = canonicalJson(JSON.parse(r.targetsJson));
  } catch {
    return false; // not JSON at all: the row was edited
  }
  return sha256Hex(canonicalSealed(reparsed)) === r.hash;
}

/**
 * Builds the next record after `prev`: scrubs secrets, normalizes optional fields (absent, never
 * null) and the time (ISO, millisecond precision), links prevHash and computes the hash. Both
 * store implementations call this inside their append transaction.
 */
export function sealRecord(
  input: AuditInput,
  prev: AuditHead,
  opts: { id?: string; now?: () => Date } = {},
): AuditRecord {
  const at = new Date(input.at ?? (opts.now ? opts.now() : new Date())).toISOString();
  const actor: AuditRecord['actor'] = { kind: input.actor.kind, clientId: storable(input.actor.clientId) };
  const person = input.actor.person;
  if (person) {
    actor.person = { id: storable(person.id), login: storable(person.login) };
    if (person.displayName != null) actor.person.displayName = storable(person.displayName);
  }
  const record: Omit<AuditRecord, 'hash'> = {
    seq: prev.seq + 1,
    id: opts.id ?? timeOrderedId(),
    at,
    actor,
    action: storable(input.action),
    args: (scrubSecrets(input.args ?? {}) ?? {}) as Record<string, unknown>,
    outcome: storable(input.outcome),
    prevHash: prev.hash,
  };
  if (input.tool != null) record.tool = storable(input.tool);
  if (input.target != null) record.target = storable(input.target);
  const targets = cleanTargets(input.targets, storable);
  if (targets) record.targets = targets;
  if (input.decision != null) {
    const { effect, rule, policyHash } = input.decision;
    record.decision = { effect, rule: storable(rule), policyHash: storable(policyHash) };
  }
  if (input.errorCode != null) record.errorCode = storable(input.errorCode);
  if (input.durationMs != null && Number.isFinite(input.durationMs)) record.durationMs = Math.round(input.durationMs);
  if (input.requestId != null) record.requestId = storable(input.requestId);
  if (input.directoryRequestId != null) record.directoryRequestId = storable(input.directoryRequestId);
  return { ...record, hash: hashRecord(record) };
}

/**
 * A unique record id that sorts by time (48-bit ms timestamp + 80 random bits, hex): new ids land at the end of
 * the unique index instead of at random pages, which keeps appends cheap as the log grows.
 */
function timeOrderedId(): string {
  return `${Date.now().toString(16).padStart(12, '0')}-${randomBytes(10).toString('hex')}`;
}
