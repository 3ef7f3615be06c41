// A live but slow worker whose claim went stale and was taken over must not record a second outcome when it finally returns.
import { afterEach, expect, it } from 'vitest';
import { createLocalDirectory } from '../../src/directory/local/local-directory.js';
import { createAccessRequests } from '../../src/governance/requests/index.js';
import type { DirectoryPort } from '../../src/core/directory.js';
import { ACME, agent, createTestWarden } from '../support/harness.js';

const SUBJECT = 'zara.hayashi@acme.example';
const MANAGER = 'ayesha.nwosu@acme.example';
let w: Awaited<ReturnType<typeof createTestWarden>> | undefined;
afterEach(async () => {
  await w?.close();
});

/** The local directory, with the first addGroupMember held until `release()` (a directory call that hangs). */
function slowFirstAdd() {
  const base = createLocalDirectory({ seedPath: `${ACME}/directory.json` });
  let release!: () => void;
  let entered!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const inside = new Promise<void>((r) => (entered = r));
  let first = true;
  const directory = new Proxy(base, {
    get(target, prop, receiver) {
      if (prop !== 'addGroupMember') {
        const v = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? v.bind(target) : v;
      }
      return async (groupId: string, userId: string) => {
        if (first) (first = false), entered(), await gate;
        return target.addGroupMember(groupId, userId);
      };
    },
  }) as DirectoryPort;
  return { directory, release, inside, base };
}

it('the worker that lost its claim records nothing; the one that took over records the single outcome', async () => {
  const slow = slowFirstAdd();
  w = await createTestWarden({ directory: slow.directory, requests: { executor: { workerId: 'slow-worker' } } });
  const helpdesk = (await w.directory.getUser('gabriel.reddy@acme.example'))!;
  const r = await w.call(
    'request_group_add',
    { user: SUBJECT, group: 'Proj-Atlas', reason: 'Joining the Atlas launch team for Q1 planning' },
    agent('claude-desktop', { id: helpdesk.id, login: helpdesk.login }),
  );
  const id = (r as any).output.id as string;
  const m = (await w.directory.getUser(MANAGER))!;
  await w.approvals.decide(
    id,
    {
      kind: 'person',
      clientId: 'warden-web',
      auth: 'session',
      person: { id: m.id, login: m.login, displayName: m.displayName },
    },
    'approve',
  );
  await slow.inside; // the slow worker has claimed the request and is stuck in the directory call

  const rescuer = createAccessRequests({
    store: w.store,
    directory: slow.directory,
    policy: w.policy,
    audit: w.audit,
    log: w.log,
    executor: { workerId: 'rescuer', staleAfterMs: 0 },
  });
  await rescuer.executor.resume();
  expect(await w.store.getRequest(id)).toMatchObject({ status: 'applied' });

  slow.release();
  await w.executor.idle();
  const row = (await w.store.getRequest(id))!;
  expect(row.status).toBe('applied');
  const executed = await w.audit.query({ requestId: id, action: 'request.executed' });
  expect(executed).toHaveLength(1);
  expect(executed[0]!.args).toMatchObject({ changed: true });
  expect(executed[0]!.directoryRequestId).toBe(row.directoryRequestId);
  const user = (await w.directory.getUser(SUBJECT))!;
  expect(
    (await slow.base.listEvents({ targetId: user.id })).filter((e) => e.eventType === 'group.user_membership.add'),
  ).toHaveLength(1);
  expect(w.logLines.some((l) => l.includes('another worker took this request over'))).toBe(true);
  expect((await w.audit.verify()).ok).toBe(true);
});
