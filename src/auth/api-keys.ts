// API keys for MCP clients: random secrets shown once, stored only as SHA-256 hashes.
import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'wdn_';

/** A new key: the secret to hand to the client once, and what the store keeps. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = PREFIX + randomBytes(32).toString('base64url');
  return { key, prefix: key.slice(0, 10), hash: hashApiKey(key) };
}

/** The stored form of a key. Keys are 256-bit random, so a fast hash is enough (no dictionary to guess). */
export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** True when the token looks like a Warden key (so we don't try it as a JWT). */
export const looksLikeApiKey = (token: string): boolean => token.startsWith(PREFIX);
