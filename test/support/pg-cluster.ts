// A private PostgreSQL 15 cluster for outage tests and benchmarks: initdb + pg_ctl as the `postgres` OS user, own port, trust auth.
//
//   const pg = await startPgCluster();          // initdb in a temp dir, start on a free port; pg.url is ready to use
//   await pg.stop();                            // pg_ctl stop -m fast (what a planned restart or failover does to clients)
//   await pg.start();                           // same data, same port
//   await pg.restart();                         // stop -m fast, then start
//   await pg.terminate('warden');               // pg_terminate_backend for every session with that application_name
//   await pg.dispose();                         // stop -m immediate and delete the data dir (call it in afterAll)
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
/** Where Debian puts PostgreSQL 15's server binaries (`apt-get install postgresql-15`). */
export const PG_BIN = '/usr/lib/postgresql/15/bin';

export interface PgCluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust auth, no password). */
  readonly url: string;
  readonly port: number;
  /** The cluster's data directory (owned by `postgres`); its server log is `<dataDir>/server.log`. */
  readonly dataDir: string;
  /** True between a completed start() and the next stop(). */
  readonly running: boolean;
  /** Starts the server (`pg_ctl start -w`) and resolves once it accepts connections. No-op when running. */
  start(): Promise<void>;
  /** Stops the server; `fast` (default) ends every session with 57P01, `immediate` is a crash. No-op when stopped. */
  stop(mode?: 'smart' | 'fast' | 'immediate'): Promise<void>;
  /** stop(mode) then start(). */
  restart(mode?: 'smart' | 'fast' | 'immediate'): Promise<void>;
  /** Ends every session whose application_name is `applicationName` (a failover as clients see it); returns how many. */
  terminate(applicationName: string): Promise<number>;
  /** Runs one SQL statement as `postgres` on database `postgres` (a fresh connection) and returns its rows. */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Stops the server at once and deletes the data directory. Safe to call twice. */
  dispose(): Promise<void>;
}

/** A port that was free on 127.0.0.1 a moment ago. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** PostgreSQL refuses to run as root: as root, run its tools as `postgres`; otherwise as ourselves. */
const asPostgres = (bin: string, args: string[]): [string, string[]] =>
  process.getuid?.() === 0
    ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args]]
    : [join(PG_BIN, bin), args];

const clusters = new Set<PgCluster>();
let exitHook = false;

/** Creates and starts a cluster (initdb takes ~1-2 s). `port` defaults to a free one. */
export async function startPgCluster(opts: { port?: number } = {}): Promise<PgCluster> {
  const port = opts.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'warden-pg-'));
  const dataDir = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const [initdb, initArgs] = asPostgres('initdb', [
    '-D',
    dataDir,
    '-A',
    'trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--no-sync',
    '--no-instructions',
  ]);
  await run(initdb, initArgs);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200`;
  let running = false;
  let disposed = false;

  const ctl = async (args: string[]) => {
    const [cmd, argv] = asPostgres('pg_ctl', ['-D', dataDir, ...args]);
    await run(cmd, argv, { timeout: 120_000 });
  };
  const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    client.on('error', () => {}); // a server stopping under this one-shot client is not an error here
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end().catch(() => {});
    }
  };

  const cluster: PgCluster = {
    url,
    port,
    dataDir,
    get running() {
      return running;
    },
    async start() {
      if (running) return;
      await ctl(['-o', options, '-l', join(dataDir, 'server.log'), '-w', '-t', '60', 'start']);
      // -w waits for the postmaster; make sure a client can really get in before saying so.
      const end = Date.now() + 30_000;
      for (;;) {
        try {
          await sql('SELECT 1');
          break;
        } catch (err) {
          if (Date.now() > end) throw err;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      running = true;
    },
    async stop(mode = 'fast') {
      if (!running) return;
      await ctl(['-m', mode, '-w', '-t', '60', 'stop']);
      running = false;
    },
    async restart(mode = 'fast') {
      await cluster.stop(mode);
      await cluster.start();
    },
    async terminate(applicationName) {
      const rows = await sql<{ n: number }>(
        'SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()) t',
        [applicationName],
      );
      return rows[0]?.n ?? 0;
    },
    sql,
    async dispose() {
      if (disposed) return;
      disposed = true;
      clusters.delete(cluster);
      await cluster.stop('immediate').catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
  clusters.add(cluster);
  // A test run that ends without dispose() must not leave servers behind.
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const c of clusters) {
        try {
          const [cmd, argv] = asPostgres('pg_ctl', ['-D', c.dataDir, '-m', 'immediate', 'stop']);
          execFileSync(cmd, argv, { stdio: 'ignore' });
        } catch {
          /* already stopped */
        }
      }
    });
  }
  try {
    await cluster.start();
  } catch (err) {
    await cluster.dispose();
    throw err;
  }
  return cluster;
}
