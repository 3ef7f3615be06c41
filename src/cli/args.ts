// Small helpers shared by the CLI commands: flag parsing and output.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** Parses flags for one subcommand; unknown flags are errors with the command's usage. */
export function flags<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\nusage: ${usage}`);
  }
}

/** A mistake in how the command was called: printed without a stack, exit code 2. */
export class UsageError extends Error {}

export const print = (io: Io, text: string) => io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);

/** A failure the operator must see (unknown id, unknown name): written to stderr, exit code 1. */
export const fail = (io: Io, text: string): number => {
  io.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
  return 1;
};

/** Known names closest to `wanted` (shared prefix or small edit distance), for "did you mean" hints. */
export function closest(wanted: string, known: readonly string[], max = 3): string[] {
  const w = wanted.toLowerCase();
  const score = (k: string) => {
    const n = k.toLowerCase();
    if (n.includes(w) || w.includes(n)) return 0;
    return editDistance(w, n);
  };
  return known
    .map((k) => ({ k, d: score(k) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(w.length / 3)))
    .sort((a, b) => a.d - b.d)
    .slice(0, max)
    .map((x) => x.k);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}
