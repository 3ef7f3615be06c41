// Runs Debian's HAProxy on the shipped example config (examples/replicas/haproxy.cfg) with the test's own bind address and servers.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const HAPROXY = '/usr/sbin/haproxy';
export const EXAMPLE_CFG = resolve(import.meta.dirname, '../../../examples/replicas/haproxy.cfg');

export interface Haproxy {
  url: string;
  close(): Promise<void>;
  output(): string;
}

/** The example config with `bind`, the `server` lines, the checks' Host and (if the replicas have no /readyz yet) their path replaced. */
export function haproxyConfig(opts: {
  port: number;
  servers: Array<{ name: string; port: number }>;
  healthPath: string;
  host: string;
}): string {
  const lines = readFileSync(EXAMPLE_CFG, 'utf8').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    if (/^\s+bind\s/.test(line)) out.push(`    bind 127.0.0.1:${opts.port}`);
    else if (/^\s+server\s/.test(line)) {
      if (!out.some((l) => /^\s+server\s/.test(l)))
        for (const s of opts.servers) out.push(`    server ${s.name} 127.0.0.1:${s.port} check`);
    } else
      out.push(
        line
          .replace('uri /readyz', `uri ${opts.healthPath}`)
          .replace('hdr Host warden.example.com', `hdr Host ${opts.host}`),
      );
  }
  return out.join('\n');
}

/** Writes the config to `dir` and runs HAProxy in the foreground until closed; resolves once it answers HTTP. */
export async function startHaproxy(dir: string, cfg: string, port: number): Promise<Haproxy> {
  const path = join(dir, 'haproxy.cfg');
  writeFileSync(path, cfg);
  const p = spawn(HAPROXY, ['-db', '-f', path], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  p.stdout!.setEncoding('utf8').on('data', (c: string) => {
    output = (output + c).slice(-8000);
  });
  p.stderr!.setEncoding('utf8').on('data', (c: string) => {
    output = (output + c).slice(-8000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (p.exitCode !== null) throw new Error(`haproxy exited (${p.exitCode}): ${output}`);
    // Any HTTP answer (even 503 while no server is up yet) means it is listening.
    if (
      await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) }).then(
        () => true,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) throw new Error(`haproxy did not listen on ${url}: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    output: () => output,
    close: () =>
      new Promise<void>((r) => {
        if (p.exitCode !== null) return r();
        p.once('exit', () => r());
        p.kill('SIGTERM');
      }),
  };
}
