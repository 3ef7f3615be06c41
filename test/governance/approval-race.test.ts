// Two people approve the same last step at the same moment: one approval wins and applies the change once; the other
// gets a clear conflict, and its refusal is on the audit record too.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { DirectoryPort } from '../../src/core/directory.js';
import type { Principal } from '../../src/core/principal.js';
import { createLocalDirectory } from '../../src/directory/local/local-directory.js';
import { ACME } from '../support/harness.js';
import { openRequestWorld } from '../support/request-world.js';
import { freshSchemaName, PG_URL, pgRaw } from '../store/harness.js';

const SUBJECT = 'zara.hayashi@acme.example';
const MANAGER = 'ayesha.nwosu@acme.example'; // the subject's manager
const OWNER = 'lena.nguyen@acme.example'; // owns Proj-Atlas
const HELPDESK = 'gabriel.reddy@acme.example';

/**
 * The local directory, except that while armed, each approver's group look-up (part of their eligibility check) waits
 * until both approvers have reached it: both decisions then read the same pending request before either is recorded.
 */
function barrierDirectory() {
  const inner = createLocalDirectory({ seedPath: `${ACME}/directory.json` });
  let armed: { ids: Set<string>; arrived: number; release: () => void; all: Promise<void> } | undefined;
  const directory = new Proxy(inner, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key === 'listUserGroups') {
        return async (userId: string) => {
          const gate = armed;
          if (gate?.ids.has(userId)) {
            if (++gate.arrived === gate.ids.size) gate.release();
            await gate.all;
          }
          return target.listUserGroups(userId);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as DirectoryPort;
  return {
    directory,
    arm(ids: string[]) {
      let release!: () => void;
      const all = new Promise<void>((res) => (release = res));
      armed = { ids: new Set(ids), arrived: 0, release, all };
    },
  };
}

const schemas: string[] = [];
afterAll(async () => {
  for (const schema of schemas) await pgRaw(undefined, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
});

const stores = [
  ['SQLite', () => ({ kind: 'sqlite' as const, path: ':memory:' })],
  [
    'PostgreSQL',
    () => {
      const schema = freshSchemaName();
      schemas.push(schema);
      return { kind: 'postgres' as const, url: PG_URL, schema };
    },
  ],
] as const;

describe.each(stores)('on %s', (_name, storeOptions) => {
  let w: Awaited<ReturnType<typeof openRequestWorld>> | undefined;
  afterEach(async () => {
    await w?.close();
  });

  it('two concurrent approvals of the last step: one wins, the loser gets a conflict and an audit record', async () => {
    const gate = barrierDirectory();
    w = await openRequestWorld({ store: storeOptions(), directory: gate.directory });
    const id = (await w.fileGroupAdd(await w.person(HELPDESK), SUBJECT, 'Proj-Atlas')).id;
    const manager: Principal = await w.person(MANAGER);
    const owner: Principal = await w.person(OWNER);
    gate.arm([manager.person!.id, owner.person!.id]);

    const outcomes = await Promise.allSettled([
      w.approvals.decide(id, manager, 'approve'),
      w.approvals.decide(id, owner, 'approve'),
    ]);
    await w.executor.idle();
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toMatchObject({
      code: 'conflict',
      message: `Request ${id} changed while deciding; fetch it and decide again.`,
    });

    const loser = outcomes[0]!.status === 'rejected' ? MANAGER : OWNER;
    const records = await w.audit.query({ requestId: id });
    expect(records.map((x) => x.action).sort()).toEqual([
      'request.approve-refused',
      'request.approved',
      'request.created',
      'request.executed',
    ]);
    const refused = records.find((x) => x.action === 'request.approve-refused')!;
    expect(refused.actor.person?.login).toBe(loser);
    expect(refused.args).toMatchObject({ rule: 'conflict' });
    expect(await w.store.listApprovals(id)).toHaveLength(1); // the loser's approval row was rolled back with it
    expect((await w.requests.get(id)).status).toBe('applied');
    expect((await w.audit.verify()).ok).toBe(true);
  }, 60_000);
});
