// Unit cases for canonical JSON, the secret scrubber and record sealing.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  canonicalJson,
  canonicalRecord,
  GENESIS_HASH,
  hashRecord,
  scrubSecrets,
  sealRecord,
} from '../../src/audit/index.js';

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } }, '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}'],
    [{ a: undefined, b: 'x' }, '{"b":"x"}'],
    [[undefined, NaN, 'é"\n'], '[null,null,"é\\"\\n"]'],
    ['s', '"s"'],
  ])('%j → %s', (value, expected) => expect(canonicalJson(value)).toBe(expected));
});

describe('scrubSecrets', () => {
  it.each([
    ['password', 'hunter2'],
    ['clientSecret', 'x'],
    ['x-api-key', 'x'],
    ['API_KEY', 'x'],
    ['refresh_token', 'x'],
    ['private-key', 'x'],
    ['authorization', 'x'],
  ])('redacts the value of %s', (key, value) =>
    expect(scrubSecrets({ [key]: value })).toEqual({ [key]: '[redacted]' }),
  );

  it.each([['user'], ['groupId'], ['reason'], ['durationSeconds']])('keeps %s', (key) => {
    expect(scrubSecrets({ [key]: 'v' })).toEqual({ [key]: 'v' });
  });

  it('redacts credential-looking values under innocent keys and leaves the input untouched', () => {
    const input = { header: 'SSWS 00abcdefghijklmnop', pem: '-----BEGIN RSA PRIVATE KEY-----\nMII', ok: 'Bearer' };
    expect(scrubSecrets(input)).toEqual({ header: '[redacted]', pem: '[redacted]', ok: 'Bearer' });
    expect(input.header).toBe('SSWS 00abcdefghijklmnop');
  });
});

describe('sealRecord', () => {
  const input = {
    at: '2025-01-01T00:00:00Z',
    actor: { kind: 'agent' as const, clientId: 'c' },
    action: 'tool.call',
    outcome: 'ok',
    args: { token: 't' },
  };
  it('links to the previous hash and hashes every other field', () => {
    const r = sealRecord(input, { seq: 0, hash: GENESIS_HASH }, { id: 'id-1' });
    expect(r).toMatchObject({
      seq: 1,
      id: 'id-1',
      at: '2025-01-01T00:00:00.000Z',
      prevHash: GENESIS_HASH,
      args: { token: '[redacted]' },
    });
    expect(hashRecord(r)).toBe(r.hash);
    expect(hashRecord({ ...r, outcome: 'error' })).not.toBe(r.hash);
    expect(hashRecord({ ...r, prevHash: 'f'.repeat(64) })).not.toBe(r.hash);
    expect(sealRecord(input, { seq: 0, hash: GENESIS_HASH }, { id: 'id-1' }).hash).toBe(r.hash);
  });
});

describe('canonicalRecord (the fast path verify hashes)', () => {
  const full = sealRecord(
    {
      at: '2025-01-01T00:00:00Z',
      actor: { kind: 'agent', clientId: 'c', person: { id: '00u1', login: 'ann@x', displayName: 'Ann "A" É' } },
      action: 'tool.call',
      tool: 'lookup_user',
      target: 'user:ann@x',
      targets: [
        { type: 'user', id: '00u1', login: 'ann@x', name: 'Ann' },
        { type: 'group', name: 'Eng' },
      ],
      args: { z: 1, a: [{ y: 2, b: null }], s: 'line\n' },
      decision: { effect: 'allow', rule: 'r', policyHash: 'p' },
      outcome: 'ok',
      errorCode: 'e',
      durationMs: 12.6,
      requestId: 'req_1',
      directoryRequestId: 'd1',
    },
    { seq: 41, hash: 'a'.repeat(64) },
    { id: 'id-42' },
  );
  const minimal = sealRecord(
    { actor: { kind: 'system', clientId: 'warden' }, action: 'policy.reloaded', outcome: 'ok' },
    { seq: 0, hash: GENESIS_HASH },
  );

  it.each([
    ['every field', full],
    ['only required fields', minimal],
  ])('is byte for byte canonicalJson of the record without its hash (%s)', (_name, r) => {
    const { hash, ...rest } = r;
    expect(canonicalRecord(r)).toBe(canonicalJson(rest));
    expect(hashRecord(r)).toBe(createHash('sha256').update(canonicalJson(rest)).digest('hex'));
    expect(hashRecord(r)).toBe(hash);
  });

  it('takes the generic path for a field it does not know, so an added field is still covered by the hash', () => {
    const extra = { ...full, note: 'x' } as typeof full;
    const { hash: _h, ...rest } = extra;
    expect(canonicalRecord(extra)).toBe(canonicalJson(rest));
    expect(hashRecord(extra)).not.toBe(full.hash);
  });
});
