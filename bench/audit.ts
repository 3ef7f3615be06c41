// Audit benchmark: sequential append throughput, bulk chained insert, and verify time over 1M records.
// Run: npx tsx bench/audit.ts [--pg] [--records=1000000] [--sequential=5000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { AuditInput } from '../src/core/audit.js';
import { createAuditLog } from '../src/audit/index.js';
import { createStore, type StoreOptions } from '../src/store/index.js';

const flag = (name: string, fallback: number): number => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};
const usePg = process.argv.includes('--pg');
const RECORDS = flag('records', 1_000_000);
const SEQUENTIAL = flag('sequential', usePg ? 3_000 : 5_000);
const BATCH = 5_000;
const PG_URL = process.env.WARDEN_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const input = (i: number): AuditInput => ({
  actor: { kind: 'agent', clientId: 'claude-desktop', person: { id: `00u${i % 500}`, login: `user${i % 500}@acme.test` } },
  action: i % 4 === 0 ? 'request.created' : 'tool.call',
  tool: i % 4 === 0 ? 'request_group_add' : 'lookup_user',
  target: `user:00u${i % 977}`,
  args: { query: `person ${i}`, limit: 10, fields: ['email', 'department'] },
  decision: { effect: 'allow', rule: 'clients.claude-desktop.toolsets', policyHash: 'a'.repeat(64) },
  outcome: 'ok',
  durationMs: i % 50,
});

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'warden-bench-'));
  const schema = `bench_${process.pid}`;
  const options: StoreOptions = usePg ? { kind: 'postgres', url: PG_URL, schema } : { kind: 'sqlite', path: join(dir, 'warden.db') };
  const store = await createStore(options);
  const log = createAuditLog(store);
  console.log(`backend: ${options.kind} (node ${process.version})`);
  try {
    let t = performance.now();
    for (let i = 0; i < SEQUENTIAL; i++) await log.append(input(i));
    let s = (performance.now() - t) / 1000;
    console.log(`sequential append: ${SEQUENTIAL} records in ${s.toFixed(2)} s = ${Math.round(SEQUENTIAL / s)} records/s`);

    const concurrency = 8;
    t = performance.now();
    await Promise.all(Array.from({ length: concurrency }, async (_, w) => {
      for (let i = 0; i < SEQUENTIAL / concurrency; i++) await log.append(input(w * 1e6 + i));
    }));
    s = (performance.now() - t) / 1000;
    console.log(`concurrent append (${concurrency} callers, one process): ${SEQUENTIAL} records in ${s.toFixed(2)} s = ${Math.round(SEQUENTIAL / s)} records/s`);

    const bulk = RECORDS - (await store.countAudit());
    t = performance.now();
    for (let done = 0; done < bulk; done += BATCH) {
      const n = Math.min(BATCH, bulk - done);
      await log.appendBatch(Array.from({ length: n }, (_, i) => input(done + i)));
      if ((done + n) % 200_000 === 0) process.stdout.write(`  bulk ${done + n}/${bulk}\n`);
    }
    s = (performance.now() - t) / 1000;
    console.log(`bulk chained insert (appendBatch of ${BATCH}): ${bulk} records in ${s.toFixed(1)} s = ${Math.round(bulk / s)} records/s`);

    t = performance.now();
    const result = await log.verify({ progressEvery: 250_000, onProgress: (p) => process.stdout.write(`  verify ${p.count}/${p.total}\n`) });
    s = (performance.now() - t) / 1000;
    console.log(`verify: ${JSON.stringify(result)} in ${s.toFixed(1)} s = ${Math.round((result.count) / s)} records/s`);
    console.log(`peak RSS: ${mb(process.resourceUsage().maxRSS * 1024)}; heap used now: ${mb(process.memoryUsage().heapUsed)}`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    if (usePg) {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    }
  }
}

await main();
