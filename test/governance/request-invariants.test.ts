// "One open request per change" and the hourly request limit hold under concurrency: two real processes on one
// PostgreSQL schema (and on one SQLite file) file requests at the same moment; the database, not luck, keeps the rules.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSeed } from '../../src/directory/seed.js';
import { createStore } from '../../src/store/index.js';
import type { Store } from '../../src/core/store.js';
import { ACME_DIR } from '../support/request-world.js';
import { killAllChildren, startTsChild } from '../support/ts-child.js';
import { freshSchemaName, PG_URL, pgRaw } from '../store/harness.js';

const CHILD = 'test/support/invariants-child.ts';
const HELPDESK = 'gabriel.reddy@acme.example';
const GROUP = 'Proj-Atlas';
const seed = loadSeed(`${ACME_DIR}/directory.json`);
const group = seed.groups.find((g) => g.profile.name === GROUP)!;
const candidates = seed.users
  .filter((u) => u.status === 'ACTIVE' && !group.members.some((m) => m.userId === u.id) && u.profile.login !== HELPDESK)
  .map((u) => u.profile.login);
const LIMIT = 20; // claude-desktop's requestsPerHour in examples/acme/policy.yaml

type Outcome = { ok: true; id: string } | { ok: false; code: string; message: string };
const schemas: string[] = [];
afterAll(async () => {
  killAllChildren();
  for (const s of schemas) await pgRaw(undefined, `DROP SCHEMA IF EXISTS ${s} CASCADE`);
});

/** Two processes on the same store; each files its users' requests all at once, both starting together. */
async function race(storeEnv: Record<string, string>, perProcess: string[][]): Promise<Outcome[]> {
  const children = perProcess.map((users) =>
    startTsChild(CHILD, [], {
      timeoutMs: 120_000,
      env: { ...storeEnv, INV_USERS: users.join(','), INV_GROUP: GROUP, INV_REQUESTER: HELPDESK },
    }),
  );
  await Promise.all(children.map((c) => c.line((l) => l === 'ready')));
  for (const c of children) c.send('go\n');
  const results = await Promise.all(children.map((c) => c.done));
  for (const r of results) expect(r.code, r.stderr).toBe(0);
  return results.flatMap((r) => JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Outcome[]);
}

const backends: Array<[string, () => Promise<{ env: Record<string, string>; store: Store }>]> = [
  [
    'PostgreSQL',
    async () => {
      const schema = freshSchemaName();
      schemas.push(schema);
      const store = await createStore({ kind: 'postgres', url: PG_URL, schema }); // migrated before the children start
      return { env: { INV_PG_URL: PG_URL, INV_PG_SCHEMA: schema }, store };
    },
  ],
  [
    'SQLite',
    async () => {
      const path = join(mkdtempSync(join(tmpdir(), 'warden-inv-')), 'warden.db');
      return { env: { INV_SQLITE_PATH: path }, store: await createStore({ kind: 'sqlite', path }) };
    },
  ],
];

describe.each(backends)('two processes on one %s database', (_name, open) => {
  it('20 identical concurrent request_group_add calls leave exactly one open request; the other 19 name it', async () => {
    const { env, store } = await open();
    try {
      const user = candidates[0]!;
      const out = await race(env, [Array(10).fill(user), Array(10).fill(user)]);
      const accepted = out.filter((o) => o.ok) as Array<{ ok: true; id: string }>;
      expect(accepted).toHaveLength(1);
      const refused = out.filter((o) => !o.ok) as Array<{ ok: false; code: string; message: string }>;
      expect(refused).toHaveLength(19);
      for (const r of refused) {
        expect(r.code).toBe('conflict');
        expect(r.message).toContain(`An open request for this change already exists: ${accepted[0]!.id}`);
      }
      expect(await store.countRequests({})).toBe(1);
    } finally {
      await store.close();
    }
  }, 180_000);

  it(`40 distinct concurrent requests against requestsPerHour ${LIMIT} accept exactly ${LIMIT}`, async () => {
    const { env, store } = await open();
    try {
      const users = candidates.slice(0, 40);
      expect(users).toHaveLength(40);
      const out = await race(env, [users.slice(0, 20), users.slice(20)]);
      expect(out.filter((o) => o.ok)).toHaveLength(LIMIT);
      const refused = out.filter((o) => !o.ok) as Array<{ ok: false; code: string }>;
      expect(refused.map((r) => r.code)).toEqual(Array(40 - LIMIT).fill('rate_limited'));
      expect(await store.countRequests({ requesterClient: 'claude-desktop' })).toBe(LIMIT);
    } finally {
      await store.close();
    }
  }, 180_000);
});
