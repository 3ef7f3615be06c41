// One Warden replica as a real child process (`node bin/warden.mjs serve`): start, wait until it answers, kill -9, stop.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');

export interface Replica {
  readonly name: string;
  readonly url: string;
  /** The running process's pid, if any. */
  pid(): number | undefined;
  /** Unexpected exits so far (anything but our own kill -9 or stop), with the end of stderr. */
  readonly crashes: Array<{ at: number; code: number | null; signal: string | null; stderr: string }>;
  /** Starts the process and resolves once GET /healthz answers 200 (rejects if it exits first or after `timeoutMs`). */
  start(timeoutMs?: number): Promise<void>;
  kill9(): Promise<void>;
  stop(): Promise<void>;
  alive(): boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createReplica(name: string, port: number, env: Record<string, string>): Replica {
  let proc: ChildProcess | undefined;
  let stderr = '';
  let expectedExit = false;
  const crashes: Replica['crashes'] = [];
  const url = `http://127.0.0.1:${port}`;

  const exited = (p: ChildProcess) =>
    new Promise<void>((r) => (p.exitCode !== null || p.signalCode !== null ? r() : p.once('exit', () => r())));

  return {
    name,
    url,
    crashes,
    pid: () => proc?.pid,
    alive: () => !!proc && proc.exitCode === null && proc.signalCode === null,
    async start(timeoutMs = 90_000) {
      expectedExit = false;
      stderr = '';
      const p = spawn(process.execPath, [resolve(ROOT, 'bin/warden.mjs'), 'serve'], {
        cwd: ROOT,
        env: { ...process.env, ...env, WARDEN_PORT: String(port) },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      proc = p;
      p.stderr!.setEncoding('utf8').on('data', (c: string) => {
        stderr = (stderr + c).slice(-4000);
      });
      p.once('exit', (code, signal) => {
        if (!expectedExit) crashes.push({ at: Date.now(), code, signal, stderr });
      });
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (p.exitCode !== null || p.signalCode !== null)
          throw new Error(`${name} exited while starting (${p.exitCode ?? p.signalCode}): ${stderr}`);
        const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) return;
        await sleep(200);
      }
      throw new Error(`${name} did not answer /healthz within ${timeoutMs} ms: ${stderr}`);
    },
    async kill9() {
      if (!proc) return;
      expectedExit = true;
      proc.kill('SIGKILL');
      await exited(proc);
    },
    async stop() {
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      expectedExit = true;
      const p = proc;
      p.kill('SIGTERM');
      await Promise.race([exited(p), sleep(10_000)]);
      if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
      await exited(p);
    },
  };
}
