// Database faults for the chaos test: terminate every PostgreSQL session a set of processes holds, as a failover does.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import pg from 'pg';

/** Local TCP ports of the processes' connections to PostgreSQL's port (read from /proc: sockets the pids own). */
export function pgClientPorts(pids: number[], pgPort = 5432): number[] {
  const inodes = new Set<string>();
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) inodes.add(m[1]!);
      } catch {
        /* closed meanwhile */
      }
    }
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10) continue;
      const local = Number.parseInt(f[1]!.split(':')[1]!, 16);
      const remote = Number.parseInt(f[2]!.split(':')[1]!, 16);
      if (remote === pgPort && inodes.has(f[9]!)) ports.push(local);
    }
  }
  return ports;
}

/** pg_terminate_backend on every session the given processes hold; returns how many were terminated. */
export async function terminateSessionsOf(pgUrl: string, pids: number[]): Promise<number> {
  const ports = pgClientPorts(pids);
  if (ports.length === 0) return 0;
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    const r = await client.query(
      'SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE client_port = ANY($1::int[]) AND pid <> pg_backend_pid()) t',
      [ports],
    );
    return r.rows[0].n as number;
  } finally {
    await client.end();
  }
}
