// Tools get a DirectoryReader: writing does not compile (checked by `npm run lint`'s typecheck) and is absent at run time.
import { describe, expect, it } from 'vitest';
import type { ToolContext } from '../../src/core/tool.js';
import { createLocalDirectory } from '../../src/directory/local/local-directory.js';
import { scopedDirectory } from '../../src/governance/scoped-directory.js';
import { createPolicyEngine } from '../../src/policies/engine.js';
import { ACME, agent } from '../support/harness.js';

const WRITES = [
  'addGroupMember',
  'removeGroupMember',
  'assignApp',
  'unassignApp',
  'suspendUser',
  'unsuspendUser',
  'deactivateUser',
  'createUser',
  'activateUser',
];

/** Never called: if a tool context's directory could write, the `@ts-expect-error` lines would fail the typecheck. */
export function toolsCannotWrite(ctx: ToolContext): void {
  // @ts-expect-error tools hold a reader; adding a member is the executor's job, for an approved request
  void ctx.directory.addGroupMember('00g1', '00u1');
  // @ts-expect-error same for deactivating a person
  void ctx.directory.deactivateUser('00u1');
}

describe('the directory a tool sees', () => {
  it('has every read and no write method, for any caller', () => {
    const policy = createPolicyEngine({ path: `${ACME}/policy.yaml`, watch: false });
    try {
      const scope = policy.scopeFor(agent())!;
      const dir = scopedDirectory(
        createLocalDirectory({ seedPath: `${ACME}/directory.json` }),
        scope,
      ) as unknown as Record<string, unknown>;
      for (const m of WRITES) expect(dir[m], m).toBeUndefined();
      expect(typeof dir.getUser).toBe('function');
      expect(typeof dir.listUserGroups).toBe('function');
    } finally {
      policy.close();
    }
  });
});
