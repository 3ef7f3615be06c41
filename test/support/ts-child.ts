// Runs a TypeScript script as a real child process (`node --import tsx`), bounded in time, with its output and exit collected.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface TsChild {
  proc: ChildProcess;
  /** Resolves when the child has exited (killed with SIGKILL after `timeoutMs`). */
  done: Promise<ChildResult>;
  /** Resolves with the first stdout line that satisfies `match`. */
  line(match: (l: string) => boolean): Promise<string>;
  send(text: string): void;
}

const live = new Set<ChildProcess>();

/** Starts `node --import tsx <script> ...args` in the project root. */
export function startTsChild(
  script: string,
  args: string[],
  opts: { env?: Record<string, string>; timeoutMs?: number } = {},
): TsChild {
  const proc = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  live.add(proc);
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ match: (l: string) => boolean; resolve: (l: string) => void }> = [];
  proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const l of stdout.split('\n').slice(0, -1)) {
      for (const w of [...waiters]) if (w.match(l)) waiters.splice(waiters.indexOf(w), 1), w.resolve(l);
    }
  });
  proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => proc.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
  const done = new Promise<ChildResult>((res) =>
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      live.delete(proc);
      for (const w of waiters.splice(0)) w.resolve('');
      res({ code, signal, stdout, stderr });
    }),
  );
  return {
    proc,
    done,
    line: (match) =>
      new Promise((res) => {
        const seen = stdout.split('\n').slice(0, -1).find(match);
        if (seen !== undefined) res(seen);
        else waiters.push({ match, resolve: res });
      }),
    send: (text) => void proc.stdin!.write(text),
  };
}

/** Runs a child to completion. */
export const runTsChild = (
  script: string,
  args: string[],
  opts?: { env?: Record<string, string>; timeoutMs?: number },
): Promise<ChildResult> => startTsChild(script, args, opts).done;

/** Kills every child still running (for afterAll). */
export function killAllChildren(): void {
  for (const p of live) p.kill('SIGKILL');
}
