// BambooHR webhook signature verification: HMAC-SHA256 over body + timestamp, with a replay window.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyBambooSignature } from '../../src/hr/index.js';

const key = 'whk-private-key';
const rawBody = '{"employees":[{"id":"101","action":"Updated","changedFields":["jobTitle"]}]}';
const now = new Date('2024-05-01T10:00:00Z');
const timestamp = String(now.getTime() / 1000 - 30);
const sign = (body: string, ts: string, k = key) =>
  createHmac('sha256', k)
    .update(body + ts)
    .digest('hex');
const signature = sign(rawBody, timestamp);

describe('verifyBambooSignature', () => {
  it.each([
    ['a valid signature', {}, true],
    ['an uppercase hex signature', { signature: signature.toUpperCase() }, true],
    ['a Buffer body', { rawBody: Buffer.from(rawBody) }, true],
    [
      'an ISO timestamp signed as sent',
      { timestamp: '2024-05-01T09:59:00Z', signature: sign(rawBody, '2024-05-01T09:59:00Z') },
      true,
    ],
    ['a tampered body', { rawBody: rawBody.replace('101', '102') }, false],
    ['a re-serialized body', { rawBody: JSON.stringify(JSON.parse(rawBody), null, 1) }, false],
    ['the wrong key', { key: 'other-key' }, false],
    ['a timestamp swapped after signing', { timestamp: String(Number(timestamp) + 1) }, false],
    [
      'a stale timestamp (6 minutes)',
      { timestamp: String(now.getTime() / 1000 - 360), signature: sign(rawBody, String(now.getTime() / 1000 - 360)) },
      false,
    ],
    [
      'a timestamp far in the future',
      { timestamp: String(now.getTime() / 1000 + 360), signature: sign(rawBody, String(now.getTime() / 1000 + 360)) },
      false,
    ],
    ['a garbage timestamp', { timestamp: 'soon', signature: sign(rawBody, 'soon') }, false],
    ['a truncated signature', { signature: signature.slice(0, 62) }, false],
    ['an empty signature', { signature: '' }, false],
    ['an empty key', { key: '', signature: sign(rawBody, timestamp, '') }, false],
  ])('%s', (_name, override, expected) => {
    expect(verifyBambooSignature({ rawBody, timestamp, signature, key, now, ...override })).toBe(expected);
  });
});
