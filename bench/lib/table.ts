// Prints aligned plain-text tables (numbers right-aligned) for benchmark output.

export type Cell = string | number;

/** Formats a number with a fixed count of decimals, or '-' when it is not finite. */
export const fmt = (n: number, decimals = 0): string => (Number.isFinite(n) ? n.toFixed(decimals) : '-');

/** Renders rows under a header, column widths fitted to content. */
export function renderTable(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = [header, ...rows].map((r) => r.map((c) => String(c)));
  const widths = header.map((_, i) => Math.max(...text.map((r) => (r[i] ?? '').length)));
  const numeric = header.map((_, i) =>
    rows.every((r) => typeof r[i] === 'number' || /^[-\d.,×x]+$/.test(String(r[i]))),
  );
  const line = (r: string[]) =>
    r
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(text[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...text.slice(1).map(line)].join('\n');
}

/** Prints a table to stdout with an optional title line. */
export function printTable(title: string, header: readonly string[], rows: readonly (readonly Cell[])[]): void {
  console.log(`\n${title}\n${renderTable(header, rows)}`);
}
