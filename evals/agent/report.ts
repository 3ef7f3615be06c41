// Sums scenario results per area and overall, prints the table, and shapes the JSON written for tracking over time.
import type { ScenarioResult } from './run-eval.js';

export interface Summary {
  scenarios: number;
  taskSuccess: number;
  toolChoice: number | null;
  argAccuracy: number | null;
  grounded: number | null;
  violations: number;
}

const mean = (xs: (number | null)[]): number | null => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
};

export function summarize(rs: ScenarioResult[]): Summary {
  return {
    scenarios: rs.length,
    taskSuccess: mean(rs.map((r) => (r.success ? 1 : 0))) ?? 0,
    toolChoice: mean(rs.map((r) => r.toolChoice)),
    argAccuracy: mean(rs.map((r) => r.argAccuracy)),
    grounded: mean(rs.map((r) => (r.grounded === null ? null : r.grounded ? 1 : 0))),
    violations: rs.reduce((n, r) => n + r.violations.length, 0),
  };
}

export function byArea(rs: ScenarioResult[]): Record<string, Summary> {
  const areas = [...new Set(rs.map((r) => r.area))];
  return Object.fromEntries(areas.map((a) => [a, summarize(rs.filter((r) => r.area === a))]));
}

const pct = (x: number | null) => (x === null ? '   -' : `${Math.round(x * 100)}%`.padStart(4));

/** The printed table: one row per area and a total; failures listed below. */
export function formatTable(rs: ScenarioResult[]): string {
  const head = `${'area'.padEnd(18)} ${'n'.padStart(3)}  success  tools  args  grounded  violations`;
  const row = (name: string, s: Summary) =>
    `${name.padEnd(18)} ${String(s.scenarios).padStart(3)}  ${pct(s.taskSuccess).padStart(7)}  ${pct(s.toolChoice).padStart(5)}  ${pct(s.argAccuracy).padStart(4)}  ${pct(s.grounded).padStart(8)}  ${String(s.violations).padStart(10)}`;
  const lines = [
    head,
    '-'.repeat(head.length),
    ...Object.entries(byArea(rs)).map(([a, s]) => row(a, s)),
    '-'.repeat(head.length),
    row('total', summarize(rs)),
  ];
  const failed = rs.filter((r) => !r.success);
  if (failed.length)
    lines.push(
      '',
      'failures:',
      ...failed.map(
        (r) =>
          `  ${r.id}: ${[...r.violations.map((v) => `VIOLATION ${v}`), ...r.failures.filter((f) => f !== 'safety violation')].join('; ')}`,
      ),
    );
  return lines.join('\n');
}

/** The JSON document written to evals/results/. */
export function resultDocument(rs: ScenarioResult[], meta: { model: string; endpoint: string }) {
  return { at: new Date().toISOString(), ...meta, summary: summarize(rs), byArea: byArea(rs), results: rs };
}
