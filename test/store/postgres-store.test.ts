// Runs the Store contract against PostgreSQL on 127.0.0.1:5432 (a fresh schema per test; fails if the server is down).
import { describe, expect, it } from 'vitest';
import { createStore, MIGRATIONS } from '../../src/store/index.js';
import { freshSchemaName, PG_URL, pgRaw, postgresHarness } from './harness.js';
import { storeContract } from './store-contract.js';

storeContract('postgres', postgresHarness);

describe('PostgreSQL specifics', () => {
  it('migrates one schema from many pools at once without errors', async () => {
    const schema = freshSchemaName();
    try {
      const stores = await Promise.all(
        Array.from({ length: 4 }, () => createStore({ kind: 'postgres', url: PG_URL, schema })),
      );
      expect(await stores[0]!.appliedMigrations()).toEqual(MIGRATIONS.map((m) => m.version));
      await Promise.all(stores.map((s) => s.close()));
    } finally {
      await pgRaw(undefined, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
  });

  it('rejects an unsafe schema name', async () => {
    await expect(createStore({ kind: 'postgres', url: PG_URL, schema: 'x; DROP TABLE y' })).rejects.toThrow(
      /schema name/,
    );
  });
});
