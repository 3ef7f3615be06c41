// Runs the Store contract against SQLite (a temp file per test), plus SQLite-only checks.
import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.js';
import { sqliteHarness } from './harness.js';
import { storeContract } from './store-contract.js';

storeContract('sqlite', sqliteHarness);

describe('SQLite specifics', () => {
  it('works in memory', async () => {
    const store = await createStore({ kind: 'sqlite', path: ':memory:' });
    await store.setMeta('a', 'b');
    expect(await store.getMeta('a')).toBe('b');
    await store.close();
  });
});
