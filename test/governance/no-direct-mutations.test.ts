// Grep-level guarantee: outside the directory adapters and changes.ts (applyChange, run by the executor), no source calls a directory mutation.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const MUTATIONS = [
  'createUser',
  'activateUser',
  'addGroupMember',
  'removeGroupMember',
  'assignApp',
  'unassignApp',
  'suspendUser',
  'unsuspendUser',
  'deactivateUser',
];
// `.createUser(` (also `?.`), and bracket access `['createUser'](`; a sentence ending in "." before a name is not a call.
const CALL = new RegExp(`(?:\\.|\\[\\s*['"\`])(${MUTATIONS.join('|')})(?:['"\`]\\s*\\])?\\s*\\(`, 'g');
const ALLOWED = (path: string) => path.startsWith('src/directory/') || path === 'src/governance/requests/changes.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.(ts|mts|js|mjs)$/.test(e.name) ? [p] : [];
  });
}

describe('no direct directory mutations', () => {
  it('only src/directory/ and src/governance/requests/changes.ts call DirectoryPort mutation methods', () => {
    const files = sources('src').map((p) => relative('.', p).split(sep).join('/'));
    expect(files.length).toBeGreaterThan(50);
    const offenders = files
      .filter((f) => !ALLOWED(f))
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(CALL)].map((m) => `${f}: .${m[1]}(`));
    expect(offenders).toEqual([]);
  });

  it('the scan finds such calls (changes.ts applies every mutation the executor runs)', () => {
    const found = new Set(
      [...readFileSync('src/governance/requests/changes.ts', 'utf8').matchAll(CALL)].map((m) => m[1]),
    );
    for (const m of MUTATIONS.filter((x) => x !== 'unsuspendUser')) expect(found).toContain(m);
  });
});
