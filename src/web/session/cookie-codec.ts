// Signed cookie values: a base64url JSON payload and its HMAC-SHA256 tag, with an expiry checked on every read.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SignedCodec<T extends object> {
  /** `payload` plus `exp` (seconds since the epoch), signed. */
  encode(payload: T, ttlSeconds: number): string;
  /** The payload when the tag matches and it has not expired; otherwise null. */
  decode(value: string | undefined): (T & { exp: number }) | null;
}

/** Cookies longer than this are refused unread (a browser keeps at most ~4 KB per cookie anyway). */
const MAX_LENGTH = 4096;

/** A codec for one purpose: keys are derived per purpose, so a value signed for one cookie never verifies as another. */
export function signedCodec<T extends object>(
  secret: string,
  purpose: string,
  now: () => number = Date.now,
): SignedCodec<T> {
  const key = createHmac('sha256', secret).update(`warden-cookie:${purpose}`).digest();
  const tagOf = (body: string) => createHmac('sha256', key).update(body).digest();
  return {
    encode(payload, ttlSeconds) {
      const body = Buffer.from(JSON.stringify({ ...payload, exp: Math.floor(now() / 1000) + ttlSeconds })).toString(
        'base64url',
      );
      return `${body}.${tagOf(body).toString('base64url')}`;
    },
    decode(value) {
      if (!value || value.length > MAX_LENGTH) return null;
      const dot = value.indexOf('.');
      if (dot <= 0) return null;
      const body = value.slice(0, dot);
      const tag = Buffer.from(value.slice(dot + 1), 'base64url');
      const expected = tagOf(body);
      if (tag.length !== expected.length || !timingSafeEqual(tag, expected)) return null;
      try {
        const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T & { exp: number };
        if (typeof parsed !== 'object' || parsed === null || typeof parsed.exp !== 'number') return null;
        return parsed.exp > now() / 1000 ? parsed : null;
      } catch {
        return null;
      }
    },
  };
}
