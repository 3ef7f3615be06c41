// Output check: a tool's result must match the output schema it lists (zod, plus no keys the listed schema does not have).
import type { z } from 'zod';
import type { AnyTool } from '../core/tool.js';

/** A tool returned something its output schema does not allow: a bug in the tool, never the caller's fault. */
export class OutputSchemaError extends Error {
  constructor(
    readonly tool: string,
    readonly issues: string[],
  ) {
    super(`${tool} returned output that does not match its output schema: ${issues.join('; ')}`);
    this.name = 'OutputSchemaError';
  }
}

/** The problems with `output` for `tool` (at most 8), or none. */
export function outputProblems(tool: AnyTool, output: unknown): string[] {
  const parsed = (tool.output as z.ZodType).safeParse(output);
  if (!parsed.success) {
    return parsed.error.issues.slice(0, 8).map((i) => `${i.path.length ? i.path.join('.') : 'output'}: ${i.message}`);
  }
  // zod strips keys an object schema does not name; the listed JSON Schema forbids them (additionalProperties: false).
  const extra = firstUnknownKey(output, parsed.data);
  return extra === undefined ? [] : [`${extra}: not in the output schema`];
}

/** Throws OutputSchemaError when `output` does not match `tool`'s output schema. */
export function checkOutput(tool: AnyTool, output: unknown): void {
  const problems = outputProblems(tool, output);
  if (problems.length) throw new OutputSchemaError(tool.name, problems);
}

/** The path of the first key in `raw` that zod dropped from `parsed`; paths are built only on the way out of a failure. */
function firstUnknownKey(raw: unknown, parsed: unknown): string | undefined {
  if (!raw || typeof raw !== 'object' || !parsed || typeof parsed !== 'object') return undefined;
  if (Array.isArray(raw)) {
    if (!Array.isArray(parsed)) return undefined;
    for (let i = 0; i < raw.length; i++) {
      const p = firstUnknownKey(raw[i], parsed[i]);
      if (p !== undefined) return `${i}.${p}`;
    }
    return undefined;
  }
  const kept = parsed as Record<string, unknown>;
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    if (!(k in kept)) return k;
    if (v && typeof v === 'object') {
      const p = firstUnknownKey(v, kept[k]);
      if (p !== undefined) return `${k}.${p}`;
    }
  }
  return undefined;
}
