// Signed checkpoints: the chain's length and head hash at a moment, signed with Ed25519 and kept outside the database.
// Like a transparency log's signed tree head or a CloudTrail digest file: a later verify proves the log still holds
// that head at that count (nothing cut from the end, nothing rewritten before it), whatever the database now says.
import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import { keyIdOf, type SigningKey } from './signing-key.js';
import type { AuditHead } from '../core/audit.js';

export const CHECKPOINT_VERSION = 1;

/** What gets signed. `previous` is the digest of the checkpoint before this one, so deleted checkpoint files show. */
export interface CheckpointBody {
  version: number;
  /** Records in the chain (the seq of the head record). */
  count: number;
  /** Hash of record `count` (64 zeros for an empty log). */
  headHash: string;
  /** When it was signed (ISO). */
  at: string;
  keyId: string;
  /** SHA-256 (hex) of the previous checkpoint's canonical JSON, signature included; absent for the first. */
  previous?: string;
}

export interface Checkpoint extends CheckpointBody {
  /** Ed25519 signature (base64) over the canonical JSON of every other field. */
  signature: string;
}

/** The bytes a signature covers. */
const signedBytes = (c: CheckpointBody): Buffer => {
  const { version, count, headHash, at, keyId, previous } = c;
  return Buffer.from(canonicalJson({ version, count, headHash, at, keyId, previous }), 'utf8');
};

/** Signs the head as a checkpoint, linked to the previous checkpoint when there is one. */
export function signCheckpoint(
  head: AuditHead,
  key: SigningKey,
  opts: { at?: Date; previous?: Checkpoint } = {},
): Checkpoint {
  const body: CheckpointBody = {
    version: CHECKPOINT_VERSION,
    count: head.seq,
    headHash: head.hash,
    at: (opts.at ?? new Date()).toISOString(),
    keyId: key.keyId,
    ...(opts.previous ? { previous: checkpointDigest(opts.previous) } : {}),
  };
  return { ...body, signature: sign(null, signedBytes(body), key.privateKey).toString('base64') };
}

/** SHA-256 (hex) of a checkpoint as a whole: what the next checkpoint's `previous` names. */
export function checkpointDigest(c: Checkpoint): string {
  return createHash('sha256').update(canonicalJson(c)).digest('hex');
}

/** Parses a checkpoint file's text; throws a readable error for anything that is not one. */
export function parseCheckpoint(text: string, source: string): Checkpoint {
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error(`${source} is not a checkpoint (not JSON)`);
  }
  const ok =
    v &&
    typeof v === 'object' &&
    typeof v.count === 'number' &&
    Number.isInteger(v.count) &&
    v.count >= 0 &&
    typeof v.headHash === 'string' &&
    /^[0-9a-f]{64}$/.test(v.headHash) &&
    typeof v.at === 'string' &&
    typeof v.keyId === 'string' &&
    typeof v.signature === 'string' &&
    (v.previous === undefined || typeof v.previous === 'string');
  if (!ok) throw new Error(`${source} is not a checkpoint (it needs count, headHash, at, keyId and signature)`);
  return {
    version: Number(v.version ?? CHECKPOINT_VERSION),
    count: v.count as number,
    headHash: v.headHash as string,
    at: v.at as string,
    keyId: v.keyId as string,
    signature: v.signature as string,
    ...(v.previous ? { previous: v.previous as string } : {}),
  };
}

/** Why the checkpoint's signature does not hold for this public key, or null when it does. */
export function checkSignature(c: Checkpoint, publicKey: KeyObject): string | null {
  const expected = keyIdOf(publicKey);
  if (c.keyId !== expected) return `it was signed by key ${c.keyId}, not by this Warden's key ${expected}`;
  let good = false;
  try {
    good = verify(null, signedBytes(c), publicKey, Buffer.from(c.signature, 'base64'));
  } catch {
    good = false;
  }
  return good ? null : 'its signature does not verify (the checkpoint was altered or forged)';
}
