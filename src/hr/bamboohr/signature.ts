// Verification of BambooHR webhook signatures: hex HMAC-SHA256(key, rawBody + timestamp).
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface BambooSignatureInput {
  /** The request body exactly as received (before any JSON parsing). */
  rawBody: string | Uint8Array;
  /** X-BambooHR-Timestamp: Unix seconds (or milliseconds), or an ISO-8601 instant. */
  timestamp: string;
  /** X-BambooHR-Signature: lowercase or uppercase hex. */
  signature: string;
  /** The webhook's private key. */
  key: string;
  now?: Date;
  /** Largest accepted clock difference either way, against replays. Default 300 (5 minutes). */
  toleranceSeconds?: number;
}

/** True only for a correctly signed webhook whose timestamp is within the tolerance of `now`. */
export function verifyBambooSignature({
  rawBody,
  timestamp,
  signature,
  key,
  now = new Date(),
  toleranceSeconds = 300,
}: BambooSignatureInput): boolean {
  const sentAt = parseTimestamp(timestamp);
  if (sentAt === undefined || Math.abs(now.getTime() - sentAt) > toleranceSeconds * 1000) return false;
  if (!key || !/^[0-9a-f]{64}$/i.test(signature.trim())) return false;
  const expected = createHmac('sha256', key).update(rawBody).update(timestamp).digest();
  return timingSafeEqual(expected, Buffer.from(signature.trim(), 'hex'));
}

function parseTimestamp(ts: string): number | undefined {
  const v = ts.trim();
  if (/^\d+$/.test(v)) {
    const n = Number(v);
    return n > 1e12 ? n : n * 1000;
  }
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}
