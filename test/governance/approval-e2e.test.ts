// End to end over real HTTP: an agent asks over MCP, a person approves over the REST API, the directory
// (local, and Okta through the real SDK against the emulator) shows the change, and the audit chain verifies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { loadConfig } from '../../src/config.js';
import { createWarden, startHttp, type Warden } from '../../src/server.js';
import { generateApiKey } from '../../src/auth/api-keys.js';
import { isolateOktaSdk } from '../support/okta-env.js';
import { startOktaEmulator, type OktaEmulator } from '../support/okta-emulator/index.js';
import { loadSeed } from '../../src/directory/seed.js';
import { ACME, memoryLogger, personas } from '../support/harness.js';

isolateOktaSdk();

const SUBJECT = 'zara.hayashi@acme.example';
const MANAGER = personas.manager as string;

async function keyFor(w: Warden, clientId: string, personLogin?: string) {
  const k = generateApiKey();
  await w.store.createApiKey({ clientId, keyHash: k.hash, prefix: k.prefix, personLogin });
  return k.key;
}

const api = (url: string, key: string, path: string, body?: unknown) =>
  fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe.each(['local', 'okta'] as const)('agent asks, person approves (%s directory)', (kind) => {
  let w: Warden;
  let http: { url: string; close(): Promise<void> };
  let okta: OktaEmulator | undefined;

  beforeAll(async () => {
    const env: Record<string, string> = {
      WARDEN_DATA_DIR: mkdtempSync(join(tmpdir(), `warden-e2e-${kind}-`)),
      WARDEN_PORT: '0',
    };
    if (kind === 'okta') {
      okta = await startOktaEmulator({ seed: loadSeed(`${ACME}/directory.json`) });
      Object.assign(env, { WARDEN_DIRECTORY: 'okta', WARDEN_OKTA_ORG_URL: okta.url, WARDEN_OKTA_TOKEN: okta.token });
    }
    w = await createWarden(loadConfig(env), { log: memoryLogger().log });
    http = await startHttp(w);
  }, 60_000);
  afterAll(async () => {
    await http.close();
    await w.close();
    await okta?.close();
  });

  it('applies the change once and records the whole story', async () => {
    const helpdesk = await keyFor(w, 'claude-desktop', personas.helpdesk as string);
    const client = new Client({ name: 'agent', version: '1' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${http.url}/mcp`), {
        requestInit: { headers: { Authorization: `Bearer ${helpdesk}` } },
      }),
    );
    const res = await client.callTool({
      name: 'request_group_add',
      arguments: { user: SUBJECT, group: 'Proj-Atlas', reason: 'Joining the Atlas launch team for Q1' },
    });
    await client.close();
    expect(res.isError, JSON.stringify(res.content)).toBeFalsy();
    const id = (res.structuredContent as any).id as string;

    // The agent's own key cannot approve over the API, and the attempt is recorded.
    const agentTry = await api(http.url, helpdesk, `/api/requests/${id}/approve`, { comment: 'lgtm' });
    expect(agentTry.status).toBe(403);
    expect((await agentTry.json()).error.message).toMatch(/Agents may ask/);

    // The subject's person token cannot approve a request about themselves.
    const subjectKey = await keyFor(w, 'warden-web', SUBJECT);
    expect((await api(http.url, subjectKey, `/api/requests/${id}/approve`, {})).status).toBe(403);

    // The manager sees it in their list and approves it.
    const managerKey = await keyFor(w, 'warden-web', MANAGER);
    const list = await (await api(http.url, managerKey, '/api/requests?status=pending')).json();
    expect(list.requests.find((r: any) => r.id === id)?.canDecide).toBe(true);
    const ok = await api(http.url, managerKey, `/api/requests/${id}/approve`, { comment: 'welcome to Atlas' });
    expect(ok.status).toBe(200);
    await w.access.executor.idle();

    const detail = await (await api(http.url, managerKey, `/api/requests/${id}`)).json();
    expect(detail.request.status).toBe('applied');
    expect(detail.approvals).toMatchObject([
      { approverLogin: MANAGER, decision: 'approve', comment: 'welcome to Atlas' },
    ]);
    expect(detail.history.map((h: any) => h.action)).toEqual([
      'request.created',
      'request.approve-refused',
      'request.approve-refused',
      'request.approved',
      'request.executed',
    ]);

    const subject = (await w.directory.getUser(SUBJECT))!;
    expect((await w.directory.listUserGroups(subject.id)).map((g) => g.name)).toContain('Proj-Atlas');
    if (okta) expect(okta.calls.filter((c) => c.method === 'PUT' && c.path.includes('/users/'))).toHaveLength(1);

    // Replaying the approval changes nothing.
    expect((await api(http.url, managerKey, `/api/requests/${id}/approve`, {})).status).toBe(409);
    expect((await w.audit.verify()).ok).toBe(true);
  });

  it('lists many pending requests with each directory read made once, not once per request', async () => {
    const helpdesk = await keyFor(w, 'claude-desktop', personas.helpdesk as string);
    const client = new Client({ name: 'agent', version: '1' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${http.url}/mcp`), {
        requestInit: { headers: { Authorization: `Bearer ${helpdesk}` } },
      }),
    );
    const groups = ['Proj-Orion', 'Proj-Phoenix', 'Proj-Helios'];
    for (const group of groups) {
      const res = await client.callTool({
        name: 'request_group_add',
        arguments: { user: SUBJECT, group, reason: `Joining the ${group} project team this quarter` },
      });
      expect(res.isError, JSON.stringify(res.content)).toBeFalsy();
    }
    await client.close();
    const managerKey = await keyFor(w, 'warden-web', MANAGER);
    await new Promise((r) => setTimeout(r, 300)); // approver notifications resolve in the background
    okta?.resetCalls();
    const list = await (await api(http.url, managerKey, '/api/requests?status=pending')).json();
    expect(
      list.requests
        .filter((r: any) => r.canDecide)
        .map((r: any) => /Proj-\w+/.exec(r.summary)?.[0])
        .sort(),
    ).toEqual([...groups].sort());
    if (okta) {
      // Per request, the approver, the subject, the approver's groups and the group's owners would be read again;
      // here each is read once for the whole list (the approver also once more by authentication).
      const reads = okta.calls
        .filter((c) => c.method === 'GET' && c.path !== `/api/v1/users/${encodeURIComponent(MANAGER)}`)
        .map((c) => `${c.path}?${c.query}`);
      expect(reads.length).toBeGreaterThan(0);
      expect(reads.filter((r, i) => reads.indexOf(r) !== i)).toEqual([]);
    }
  });

  it('refuses unauthenticated API calls', async () => {
    expect((await fetch(`${http.url}/api/requests`)).status).toBe(401);
  });
});
