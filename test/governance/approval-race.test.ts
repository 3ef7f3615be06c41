// Two people approve the same last step at the same moment: one approval wins and applies the change once; the other
// gets a clear conflict, and its refusal is on the audit record too.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { DirectoryPort } from '../../src/core/directory.js';
import type { Principal } from '../../src/core/principal.js';
import { createLocalDirectory } from '../../src/directory/local/local-directory.js';
import { ACME, agent, createTestWarden } from '../support/harness.js';

const SUBJECT = 'zara.hayashi@acme.example';
const MANAGER = 'ayesha.nwosu@acme.example'; // the subject's manager
const OWNER = 'lena.nguyen@acme.example';    // owns Proj-Atlas
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

let w: Awaited<ReturnType<typeof createTestWarden>>;
let gate: ReturnType<typeof barrierDirectory>;
beforeEach(async () => {
  gate = barrierDirectory();
  w = await createTestWarden({ directory: gate.directory });
});
afterEach(async () => { await w.close(); });

async function person(login: string): Promise<Principal> {
  const u = (await w.directory.getUser(login))!;
  return { kind: 'person', clientId: 'warden-web', auth: 'session', person: { id: u.id, login: u.login, displayName: u.displayName } };
}

it('two concurrent approvals of the last step: one wins, the loser gets a conflict and an audit record', async () => {
  const h = (await w.directory.getUser(HELPDESK))!;
  const r = await w.call('request_group_add', { user: SUBJECT, group: 'Proj-Atlas', reason: 'Joining the Atlas launch team for Q1 planning' }, agent('claude-desktop', { id: h.id, login: h.login }));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const id = (r.output as { id: string }).id;
  const [manager, owner] = [await person(MANAGER), await person(OWNER)];
  gate.arm([manager.person!.id, owner.person!.id]);

  const outcomes = await Promise.allSettled([w.approvals.decide(id, manager, 'approve'), w.approvals.decide(id, owner, 'approve')]);
  await w.executor.idle();
  const won = outcomes.filter((o) => o.status === 'fulfilled');
  const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
  expect(won).toHaveLength(1);
  expect(lost).toHaveLength(1);
  expect(lost[0]!.reason).toMatchObject({ code: 'conflict', message: `Request ${id} changed while deciding; fetch it and decide again.` });

  const loser = outcomes[0]!.status === 'rejected' ? MANAGER : OWNER;
  const records = await w.audit.query({ requestId: id });
  expect(records.map((x) => x.action).sort()).toEqual(['request.approve-refused', 'request.approved', 'request.created', 'request.executed']);
  const refused = records.find((x) => x.action === 'request.approve-refused')!;
  expect(refused.actor.person?.login).toBe(loser);
  expect(refused.args).toMatchObject({ rule: 'conflict' });
  expect(await w.store.listApprovals(id)).toHaveLength(1); // the loser's approval row was rolled back with it
  expect((await w.requests.get(id)).status).toBe('applied');
  expect((await w.audit.verify()).ok).toBe(true);
});
