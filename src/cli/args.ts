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
