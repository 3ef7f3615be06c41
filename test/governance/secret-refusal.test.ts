// Secrets pasted into reasons and comments are refused before anything is stored, and never reach the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agent, createTestWarden, personas } from '../support/harness.js';
import type { Principal } from '../../src/core/principal.js';

// Assembled at run time so that repository secret scanners do not flag the fixture.
const AWS_KEY = ['AKIA', 'IOSFODNN7EXAMPLE'].join('');
const JWT = ['eyJhbGciOiJIUzI1NiJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'].join(
  '.',
);

let w: Awaited<ReturnType<typeof createTestWarden>>;
let helpdesk: Principal;
let manager: Principal;

beforeAll(async () => {
  w = await createTestWarden();
  const h = (await w.directory.getUser(personas.helpdesk as string))!;
  const m = (await w.directory.getUser(personas.manager as string))!;
  helpdesk = agent('claude-desktop', { id: h.id, login: h.login });
  manager = { kind: 'person', clientId: 'warden-web', auth: 'session', person: { id: m.id, login: m.login } };
});
afterAll(async () => {
  await w.close();
});

const everything = async () =>
  JSON.stringify(await w.audit.query({ limit: 10_000 })) + JSON.stringify(await w.store.listRequests({ limit: 1000 }));

describe('secrets in free text', () => {
  it('refuses a request whose reason holds an AWS key; nothing is stored and the audit record has no key', async () => {
    const before = await w.store.countRequests();
    const r = await w.call(
      'request_group_add',
      { user: 'zara.hayashi@acme.example', group: 'Proj-Atlas', reason: `Deploy access, my key is ${AWS_KEY}` },
      helpdesk,
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({
      code: 'invalid_input',
      message: 'the reason looks like it contains a credential (an AWS access key); remove it and try again.',
    });
    expect(await w.store.countRequests()).toBe(before);
    const [rec] = await w.audit.query({ order: 'desc', limit: 1 });
    expect(rec).toMatchObject({
      action: 'tool.call',
      tool: 'request_group_add',
      outcome: 'error',
      errorCode: 'invalid_input',
    });
    expect(rec!.args.reason).toBe('[redacted]');
    expect(await everything()).not.toContain(AWS_KEY);
    expect((await w.audit.verify()).ok).toBe(true);
  });

  it('refuses an approval comment and a cancel comment holding a token, and the request stays pending', async () => {
    const r = await w.call(
      'request_group_add',
      { user: 'zara.hayashi@acme.example', group: 'Proj-Atlas', reason: 'Joining the Atlas launch team for Q1' },
      helpdesk,
    );
    expect(r.ok).toBe(true);
    const id = (r as unknown as { output: { id: string } }).output.id;
    await expect(w.approvals.decide(id, manager, 'approve', `ok, token ${JWT}`)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('(a JSON Web Token)'),
    });
    expect(await w.store.listApprovals(id)).toEqual([]);
    const c = await w.call('cancel_request', { id, comment: `never mind ${JWT}` }, helpdesk);
    expect(!c.ok && c.error.message).toBe(
      'the comment looks like it contains a credential (a JSON Web Token); remove it and try again.',
    );
    expect((await w.store.getRequest(id))!.status).toBe('pending');
    expect(await everything()).not.toContain(JWT.slice(0, 30));
  });
});
