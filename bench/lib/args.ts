// Minimal flag parsing for benchmarks: `--name value` or `--name=value`.

/** A numeric flag from process.argv, or the default when absent; throws on a non-number. */
export function numberFlag(name: string, fallback: number, argv: readonly string[] = process.argv.slice(2)): number {
  const raw = stringFlag(name, argv);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} needs a non-negative number, got ${raw}`);
  return n;
}

/** A string flag from process.argv, or undefined. */
export function stringFlag(name: string, argv: readonly string[] = process.argv.slice(2)): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === `--${name}`) return argv[i + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}
