// Globs (names and knowledge paths) and durations as policy files write them.
import { describe, expect, it } from 'vitest';
import { compileGlobs, globToRegExp } from '../../src/policies/glob.js';
import { formatDuration, parseDuration } from '../../src/policies/duration.js';

describe('globs', () => {
  it.each([
    ['*-Admins', 'AWS-Prod-Admins', true],
    ['*-Admins', 'aws-prod-admins', true],
    ['*-Admins', 'AWS-Prod-Admins-Old', false],
    ['Proj-?tlas', 'Proj-Atlas', true],
    ['App-(x)', 'App-(x)', true],
    ['a.b', 'axb', false],
  ])('%s ~ %s → %s', (glob, name, want) => expect(globToRegExp(glob).test(name)).toBe(want));

  it('path mode: * stays in a folder, ** crosses folders', () => {
    expect(globToRegExp('security/**', { path: true }).test('security/ir/playbook.md')).toBe(true);
    expect(globToRegExp('security/*', { path: true }).test('security/ir/playbook.md')).toBe(false);
    expect(globToRegExp('**/secret.md', { path: true }).test('secret.md')).toBe(true);
  });

  it('a set matches any of its globs, literal sets case-insensitively', () => {
    expect(compileGlobs(['Okta-Super-Admins', 'GitHub-Org-Owners']).test('github-org-owners')).toBe(true);
    expect(compileGlobs(['*-Admin', 'Security-*']).test('Security-Team')).toBe(true);
    expect(compileGlobs([]).test('x')).toBe(false);
  });
});

describe('durations', () => {
  it.each([
    ['30m', 1800],
    ['8h', 28_800],
    ['7d', 604_800],
    ['2w', 1_209_600],
    ['0h', undefined],
    ['8 h', undefined],
    ['1y', undefined],
  ])('%s → %s', (text, s) => expect(parseDuration(text)).toBe(s));
  it.each([
    [1800, '30m'],
    [28_800, '8h'],
    [86_400, '24h'],
    [259_200, '72h'],
    [7_776_000, '90d'],
    [45, '45s'],
  ])('%s → %s', (s, text) => expect(formatDuration(s)).toBe(text));
});
