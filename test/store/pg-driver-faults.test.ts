// The PostgreSQL driver under faults: a session killed inside an open transaction (between two statements, the case that
// used to end the process with an unhandled 'error'), statement timeouts, and application_name for operators.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/store.js';
import { createPgDriver } from '../../src/store/postgres/pg-driver.js';
import { createStore } from '../../src/store/index.js';
import { freshSchemaName, PG_URL, pgRaw } from './harness.js';

const schema = freshSchemaName();
const APP = `warden_${schema}`;
let store: Store;
const availability: boolean[] = [];

async function terminateMine(): Promise<number> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return (
      await c.query(
        'SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1) t',
        [APP],
      )
    ).rows[0].n;
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  store = await createStore({
    kind: 'postgres',
    url: PG_URL,
    schema,
    applicationName: APP,
    onAvailability: (c) => availability.push(c.available),
  });
});
afterAll(async () => {
  await store?.close();
  await pgRaw(undefined, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
});

describe('PostgreSQL driver faults', () => {
  it('sets application_name on its sessions', async () => {
    await store.countAudit();
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    const n = (await c.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [APP]))
      .rows[0].n;
    await c.end();
    expect(n).toBeGreaterThan(0);
  });

  it('a session killed while a transaction waits between statements: unavailable, nothing written, no crash, then works', async () => {
    const id = `req_fault_${schema}`;
    const attempt = store.withTransaction(async (tx) => {
      await tx.insertRequest({
        id,
        status: 'pending',
        tool: 'request_group_add',
        payload: {},
        requesterClient: 'test',
        subject: 'someone',
      });
      // The client is checked out and idle here, as during the audit queue's or job runner's transactions.
      expect(await terminateMine()).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 300)); // let the termination arrive while no statement runs
      await tx.appendAudit({
        actor: { kind: 'system', clientId: 'warden' },
        action: 'request.created',
        outcome: 'pending',
        requestId: id,
      });
    });
    await expect(attempt).rejects.toMatchObject({ code: 'unavailable' });
    // The pool drops the dead connection; the next call works and shows the transaction never happened.
    expect(await store.getRequest(id)).toBeNull();
    expect(await store.countAudit()).toBe(0);
    expect(availability).toEqual([false, true]); // told once each way
  });

  it('plain statements on killed pooled sessions answer unavailable or succeed, and the store recovers', async () => {
    await Promise.all(Array.from({ length: 5 }, () => store.countAudit())); // several pooled sessions
    expect(await terminateMine()).toBeGreaterThan(0);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => store.countAudit()));
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'unavailable' });
    expect(await store.countAudit()).toBe(0);
  });

  it('a statement past the statement timeout answers unavailable and the connection stays usable', async () => {
    const driver = createPgDriver({ url: PG_URL, applicationName: APP, statementTimeoutMs: 200, max: 1 });
    try {
      await expect(driver.get('SELECT pg_sleep(2)')).rejects.toMatchObject({
        code: 'unavailable',
        message: expect.stringMatching(/did not answer in time/),
      });
      await expect(driver.transaction((tx) => tx.get('SELECT pg_sleep(2)'))).rejects.toMatchObject({
        code: 'unavailable',
      });
      expect(await driver.get<{ x: number }>('SELECT 1 AS x')).toEqual({ x: 1 });
    } finally {
      await driver.close();
    }
  });
});
