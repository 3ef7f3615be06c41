// What keeping the demo directory's changes in the store costs: getUser µs/op with the state in memory only, on SQLite and on
// PostgreSQL (each read first checks the change log's head), the cost of one change, and how soon another replica sees it.
// npx tsx bench/local-directory.ts [--seconds 1.5]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { createLocalDirectory, type LocalDirectory } from '../src/directory/local/local-directory.js';
import { loadSeed } from '../src/directory/seed.js';
import { createStore } from '../src/store/index.js';
import type { Store } from '../src/core/store.js';
import { numberFlag } from './lib/args.js';
import { timeOp } from './lib/micro.js';
import { fmt, printTable } from './lib/table.js';
import { percentile } from './lib/stats.js';

const SEED = resolve(import.meta.dirname, '../examples/acme/directory.json');
const PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
const seconds = numberFlag('seconds', 1.5);
const seed = loadSeed(SEED);
const login = seed.users[100]!.profile.login;
const group = seed.groups.find((g) => g.type === 'OKTA_GROUP' && g.profile.name.startsWith('Proj-'))!;
const people = seed.users
  .filter((u) => u.status === 'ACTIVE' && !group.members.some((m) => m.userId === u.id))
  .slice(0, 200);

async function measure(label: string, a: LocalDirectory, b: LocalDirectory) {
  const read = await timeOp(label, () => a.getUser(login), { seconds });
  const read20 = await timeOp(label, () => a.getUser(login), { seconds, concurrency: 20 });
  // A change through a, then polls b until it shows it: the delay another replica sees.
  const changeUs: number[] = [];
  const visibleUs: number[] = [];
  for (const u of people.slice(0, 40)) {
    const t0 = performance.now();
    await a.addGroupMember(group.id, u.id);
    changeUs.push((performance.now() - t0) * 1000);
    while (!(await b.listUserGroups(u.id)).some((g) => g.id === group.id)) {
      /* next read catches up */
    }
    visibleUs.push((performance.now() - t0) * 1000);
  }
  changeUs.sort((x, y) => x - y);
  visibleUs.sort((x, y) => x - y);
  return [
    label,
    fmt(read.usPerOp, 1),
    fmt(read20.opsPerSec),
    fmt(percentile(changeUs, 50)),
    fmt(percentile(visibleUs, 50)),
    fmt(percentile(visibleUs, 99)),
  ];
}

const rows: string[][] = [];
const memory = createLocalDirectory({ seedPath: SEED });
rows.push(await measure('memory (tests)', memory, memory));

const dir = mkdtempSync(join(tmpdir(), 'warden-bench-dir-'));
const sqlite = [
  await createStore({ kind: 'sqlite', path: join(dir, 'w.db') }),
  await createStore({ kind: 'sqlite', path: join(dir, 'w.db') }),
];
rows.push(
  await measure(
    'sqlite, 2 stores',
    createLocalDirectory({ seedPath: SEED, store: sqlite[0]! }),
    createLocalDirectory({ seedPath: SEED, store: sqlite[1]! }),
  ),
);

const schema = `bench_dir_${process.pid}`;
const pgs: Store[] = [
  await createStore({ kind: 'postgres', url: PG_URL, schema }),
  await createStore({ kind: 'postgres', url: PG_URL, schema }),
];
rows.push(
  await measure(
    'postgres, 2 pools',
    createLocalDirectory({ seedPath: SEED, store: pgs[0]! }),
    createLocalDirectory({ seedPath: SEED, store: pgs[1]! }),
  ),
);

// A replica starting after 40 changes replays them.
const t0 = performance.now();
await createLocalDirectory({ seedPath: SEED, store: pgs[0]! }).getUser(login);
const replayMs = performance.now() - t0;

printTable(
  `local directory (${seconds} s per cell)`,
  ['state', 'getUser µs/op', 'getUser/s ×20', 'change µs p50', 'visible on other µs p50', 'p99'],
  rows,
);
console.log(`\nnew replica, first read (seed load + replay of 40 changes): ${fmt(replayMs)} ms`);

for (const s of [...sqlite, ...pgs]) await s.close();
rmSync(dir, { recursive: true, force: true });
const c = new pg.Client({ connectionString: PG_URL });
await c.connect();
await c.query(`DROP SCHEMA ${schema} CASCADE`);
await c.end();
