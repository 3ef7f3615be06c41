// Smoke test over the demo company seed: the emulator serves examples/acme/directory.json and the adapter pages all of it.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeed } from '../../../src/directory/seed.js';
import { isolateOktaSdk } from '../../support/okta-env.js';
import { startHarness, type Harness } from './helpers.js';

isolateOktaSdk();
const ACME = new URL('../../../examples/acme/directory.json', import.meta.url).pathname;
let h: Harness | undefined;
beforeAll(async () => {
  if (existsSync(ACME)) h = await startHarness({ seed: loadSeed(ACME) });
});
afterAll(async () => {
  await h?.close();
});

describe.skipIf(!existsSync(ACME))('okta adapter over the acme seed', () => {
  it('pages every user (DEPROVISIONED included) with one call per 200', async () => {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await h!.dir.findUsers({ limit: 200, cursor });
      ids.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(ids).size).toBe(h!.emu.state.users.size);
    expect(ids).toHaveLength(h!.emu.state.users.size);
    expect(h!.dir.stats().calls).toBe(Math.ceil(h!.emu.state.users.size / 200));
  });

  it("counts every group's members like the seed does", async () => {
    for (const g of h!.emu.state.groups.values()) expect(await h!.dir.countGroupMembers(g.id)).toBe(g.members.length);
  });
});
