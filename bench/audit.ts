// Audit benchmark: sequential append throughput, bulk chained insert, and verify over N records next to the physical
// limit (raw SHA-256 of the same canonical bytes in Node). Wall and CPU time are both printed: on a shared machine the
// CPU figure is the one to compare.
// Run: npx tsx bench/audit.ts [--pg] [--records=1000000] [--sequential=5000] [--db=/tmp/audit-bench.db (kept, reused)]
import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { AuditInput } from '../src/core/audit.js';
import { canonicalRecord, createAuditLog } from '../src/audit/index.js';
import { createStore, type StoreOptions } from '../src/store/index.js';
import { stringFlag } from './lib/args.js';

const flag = (name: string, fallback: number): number => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};
const usePg = process.argv.includes('--pg');
const RECORDS = flag('records', 1_000_000);
const SEQUENTIAL = flag('sequential', usePg ? 3_000 : 5_000);
const KEEP = stringFlag('db');
const BATCH = 5_000;
const PG_URL = process.env.WARDEN_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const input = (i: number): AuditInput => ({
  actor: {
    kind: 'agent',
    clientId: 'claude-desktop',
    person: { id: `00u${i % 500}`, login: `user${i % 500}@acme.test` },
  },
  action: i % 4 === 0 ? 'request.created' : 'tool.call',
  tool: i % 4 === 0 ? 'request_group_add' : 'lookup_user',
  target: `user:00u${i % 977}`,
  ...(i % 4 === 0
    ? {}
    : {
        targets: [{ type: 'user', id: `00u${i % 977}`, login: `user${i % 977}@acme.test`, name: `Person ${i % 977}` }],
      }),
  args: { query: `person ${i}`, limit: 10, fields: ['email', 'department'] },
  decision: { effect: 'allow', rule: 'clients.claude-desktop.toolsets', policyHash: 'a'.repeat(64) },
  outcome: 'ok',
  durationMs: i % 50,
});

/** Wall and CPU seconds of `fn`. */
async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const c = process.cpuUsage(c0);
  return { value, wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}
const rate = (n: number, s: number) => `${Math.round(n / s).toLocaleString('en')} records/s`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'warden-bench-'));
  const schema = `bench_${process.pid}`;
  const path = KEEP ?? join(dir, 'warden.db');
  const reused = KEEP !== undefined && existsSync(KEEP);
  const options: StoreOptions = usePg ? { kind: 'postgres', url: PG_URL, schema } : { kind: 'sqlite', path };
  const store = await createStore(options);
  const log = createAuditLog(store);
  console.log(`backend: ${options.kind} (node ${process.version})${reused ? `, reusing ${KEEP}` : ''}`);
  try {
    if (!reused) {
      let t = performance.now();
      for (let i = 0; i < SEQUENTIAL; i++) await log.append(input(i));
      let s = (performance.now() - t) / 1000;
      console.log(
        `sequential append: ${SEQUENTIAL} records in ${s.toFixed(2)} s = ${Math.round(SEQUENTIAL / s)} records/s`,
      );

      const concurrency = 8;
      t = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async (_, w) => {
          for (let i = 0; i < SEQUENTIAL / concurrency; i++) await log.append(input(w * 1e6 + i));
        }),
      );
      s = (performance.now() - t) / 1000;
      console.log(
        `concurrent append (${concurrency} callers, one process): ${SEQUENTIAL} records in ${s.toFixed(2)} s = ${Math.round(SEQUENTIAL / s)} records/s`,
      );
    }

    const bulk = RECORDS - (await store.countAudit());
    if (bulk > 0) {
      const t = performance.now();
      for (let done = 0; done < bulk; done += BATCH) {
        const n = Math.min(BATCH, bulk - done);
        await log.appendBatch(Array.from({ length: n }, (_, i) => input(done + i)));
        if ((done + n) % 200_000 === 0) process.stdout.write(`  bulk ${done + n}/${bulk}\n`);
      }
      const s = (performance.now() - t) / 1000;
      console.log(
        `bulk chained insert (appendBatch of ${BATCH}): ${bulk} records in ${s.toFixed(1)} s = ${Math.round(bulk / s)} records/s`,
      );
    }

    const v = await timed(() =>
      log.verify({
        progressEvery: 250_000,
        onProgress: (p) => process.stdout.write(`  verify ${p.count}/${p.total}\n`),
      }),
    );
    const n = v.value.count;
    console.log(`verify: ${JSON.stringify(v.value)}`);
    console.log(
      `  verify:          ${v.wall.toFixed(2)} s wall = ${rate(n, v.wall)}; ${v.cpu.toFixed(2)} s CPU = ${rate(n, v.cpu)}`,
    );

    // The physical limit: the canonical bytes of every record, read once, then only hashed (one SHA-256 per record).
    const bytes: Buffer[] = [];
    for await (const r of store.iterateAudit(1, 1_000)) bytes.push(Buffer.from(canonicalRecord(r), 'utf8'));
    const total = bytes.reduce((a, b) => a + b.length, 0);
    // Node's fastest per-message path: one-shot crypto.hash where it exists (20.12+), else a Hash object per record.
    const oneShot = (crypto as unknown as { hash?: (a: string, d: Buffer, e: 'hex') => string }).hash;
    const h = await timed(async () => {
      for (const b of bytes) oneShot ? oneShot('sha256', b, 'hex') : createHash('sha256').update(b).digest('hex');
    });
    const stream = await timed(async () => {
      const all = createHash('sha256');
      for (const b of bytes) all.update(b);
      all.digest();
    });
    const r = await timed(async () => {
      let c = 0;
      for await (const page of store.iterateAuditPages(1, 1_000)) c += page.length;
      return c;
    });
    console.log(
      `  raw SHA-256, one per record (${mb(total)} of canonical JSON, ${Math.round(total / n)} B/record): ${h.cpu.toFixed(2)} s CPU = ${rate(n, h.cpu)}`,
    );
    console.log(
      `  raw SHA-256, one stream over the same bytes: ${stream.cpu.toFixed(2)} s CPU = ${(total / 1024 / 1024 / stream.cpu).toFixed(0)} MB/s`,
    );
    console.log(
      `  store iteration alone (the rows verify reads): ${r.wall.toFixed(2)} s wall, ${r.cpu.toFixed(2)} s CPU = ${rate(n, r.cpu)}`,
    );
    console.log(`  verify CPU / (iteration + per-record SHA-256) CPU: ${(v.cpu / (r.cpu + h.cpu)).toFixed(2)}`);
    // Target search on the whole log goes through the term index: "who touched user 00u5" among N records.
    for (const target of ['00u5', 'Person 977', 'user5@acme.test']) {
      const q = await timed(() => log.query({ target, order: 'desc', limit: 50 }));
      const first = await timed(() => log.query({ target, order: 'asc', limit: 1 }));
      console.log(
        `  query target=${JSON.stringify(target)}: newest 50 of the matches in ${(q.wall * 1000).toFixed(1)} ms, oldest match in ${(first.wall * 1000).toFixed(1)} ms`,
      );
    }
    console.log(
      `peak RSS: ${mb(process.resourceUsage().maxRSS * 1024)}; heap used now: ${mb(process.memoryUsage().heapUsed)}`,
    );
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
