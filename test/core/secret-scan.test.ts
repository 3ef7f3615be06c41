// The credential scanner: each kind of secret is caught and named; ordinary reasons, ids, hashes and URLs pass.
import { describe, expect, it } from 'vitest';
import { assertNoCredential, findCredential } from '../../src/core/secret-scan.js';

// Built at run time so that no scanner of this repository mistakes the fixtures for live credentials.
const j = (...parts: string[]) => parts.join('');
const AWS_SECRET = j('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYEXAMPLEKEY');

const POSITIVES: Array<[string, string]> = [
  [`key is ${j('AKIA', 'IOSFODNN7EXAMPLE')} please`, 'an AWS access key'],
  [`temp creds ${j('ASIA', 'Y34FZKBOKMUTVV7A')}`, 'an AWS access key'],
  [`aws_secret_access_key = ${AWS_SECRET}`, 'an AWS secret key'],
  [`token ${j('00', 'aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789_-ab')}`, 'an Okta API token'],
  [`Authorization: SSWS ${j('00abc', 'DEF123456789')}`, 'an Okta API token'],
  [
    `here ${j('eyJhbGciOiJIUzI1NiJ9', '.eyJzdWIiOiIxMjM0NTY3ODkwIn0', '.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U')}`,
    'a JSON Web Token',
  ],
  [j('-----BEGIN RSA ', 'PRIVATE KEY-----\nMIIEow...'), 'a private key'],
  [j('-----BEGIN ', 'PRIVATE KEY-----'), 'a private key'],
  [j('-----BEGIN OPENSSH ', 'PRIVATE KEY-----'), 'a private key'],
  [`use ${j('wdn_', 'Xy7abcDEF0123456789ghijk')}`, 'a Warden API key'],
  [j('ghp_', 'a'.repeat(18), 'B'.repeat(18)), 'a GitHub token'],
  [j('github_pat_', '11ABCDEFG0', 'x'.repeat(40)), 'a GitHub token'],
  [j('xoxb-', '1234567890-abcdefghij'), 'a Slack token'],
  [
    `post to https://hooks.slack.com/services/${j('T0000', '/B0000/', 'XXXXXXXXXXXXXXXXXXXXXXXX')}`,
    'a Slack webhook URL',
  ],
  [j('sk-', 'proj-', 'Ab3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF'), 'a Stripe or OpenAI secret key'],
  ['db is postgres://admin:hunter22@db.acme.example/prod', 'a password in a URL'],
  [`Bearer ${j('abcDEF123', 'ghiJKL456mno')}`, 'an authorization header'],
  [`pasted ${j('Zk3Qp9Lr2Vx7Bn4', 'Mt8Hw1Jc6Ys5Dg0Fa')}`, 'a long random token'],
];

const NEGATIVES = [
  'Joining the Atlas launch team for Q1',
  'Needs Salesforce for the EMEA renewals, ticket INC-204811',
  'See JIRA SEC-1234 and https://acme.atlassian.net/browse/SEC-1234?focusedCommentId=99812',
  'Approved per CHG0031337 (ServiceNow)',
  'Okta user id 00u1abcd2EFGH3ijk4l5, group 00g9zyxw8VUTS7rqp6o5',
  'commit 3f786850e387550fdab836ed7e6dc881de23001b fixed it',
  'policy hash 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  'request id 0191c2a4-7b1e-7c3d-9f00-1a2b3c4d5e6f, req_8f2k1m',
  'covering for dana.lee@acme.example until 2026-12-31T00:00:00Z',
  'the app id is 0oa1b2c3d4e5f6g7h8i9 and the SAML app is salesforce_prod',
  'Temporary access while Bearer of the on-call pager (rota week 49)',
  'https://github.com/acme/infra/pull/4412 needs the deploy group',
  'AWS account 123456789012 in eu-west-1, role ReadOnlyAccess',
  'AKIA is the prefix of AWS keys; I did not paste one',
  'Path /srv/shared/Finance/Quarterly-Reports/2026-Q4/Consolidated_Summary_v12.xlsx',
  'a'.repeat(64),
  'He said "my password is in the vault" — no secret here',
];

describe('findCredential', () => {
  it.each(POSITIVES)('catches %s', (text, kind) => {
    expect(findCredential(text)).toBe(kind);
  });
  it.each(NEGATIVES.map((t) => [t]))('lets through %s', (text) => {
    expect(findCredential(text)).toBeNull();
  });
});

describe('findCredential on disguised text', () => {
  // Invisible format characters inside a key, or its fullwidth form, stored the key as it was (attack run, 2026-12).
  const key = j('AKIA', 'IOSFODNN7EXAMPLE');
  const fullwidth = key.replace(/[A-Z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  it.each([
    ['a zero-width space', `rotate ${key.slice(0, 4)}\u200b${key.slice(4)} now`],
    ['a word joiner', `rotate ${key.slice(0, 12)}\u2060${key.slice(12)} now`],
    ['a soft hyphen', `rotate ${key.slice(0, 8)}\u00ad${key.slice(8)} now`],
    ['a byte order mark', `rotate ${key.slice(0, 2)}\ufeff${key.slice(2)} now`],
    ['fullwidth letters', `rotate ${fullwidth} now`],
  ])('catches an AWS key disguised with %s', (_, text) => {
    expect(findCredential(text)).toBe('an AWS access key');
  });
  it('catches a Warden key percent-encoded inside a pasted link', () => {
    expect(findCredential(`see https://x.example/cb?key=${j('wdn%5F', 'Xy7abcDEF0123456789ghijk')}`)).toBe(
      'a Warden API key',
    );
  });
  it('still lets ordinary text with invisible characters or escapes through', () => {
    expect(findCredential('https://acme.example/wiki/Access%20Requests%20%E2%80%94%20FAQ and 100%zz done')).toBeNull();
    expect(findCredential('Joining the Atlas\u200b launch team for Q1')).toBeNull();
    expect(findCredential('ＡＫＩＡ is the prefix of AWS keys; I did not paste one')).toBeNull();
  });
});

describe('assertNoCredential', () => {
  it('refuses with a message that names the field and the kind, and never repeats the secret', () => {
    const secret = j('AKIA', 'IOSFODNN7EXAMPLE');
    let caught: unknown;
    try {
      assertNoCredential('reason', `quick fix ${secret}`);
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({
      code: 'invalid_input',
      message: 'the reason looks like it contains a credential (an AWS access key); remove it and try again.',
    });
    expect(JSON.stringify((caught as { toJSON(): unknown }).toJSON())).not.toContain(secret);
  });
  it('accepts empty and ordinary text', () => {
    expect(() => assertNoCredential('comment', undefined)).not.toThrow();
    expect(() => assertNoCredential('comment', 'Welcome to Atlas')).not.toThrow();
  });
});
