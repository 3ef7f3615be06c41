// Agent eval scenarios: the YAML shape (zod), the loader, and how expected values ("/regex/i" or exact) match.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

/** A string written `/…/flags` is a regex; anything else must be equal (strings case-insensitively). */
const Expected = z.union([z.string(), z.number(), z.boolean()]);
const ToolExpect = z.object({ name: z.string(), args: z.record(z.string(), Expected).default({}) }).strict();

export const Scenario = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    area: z.string(),
    description: z.string().optional(),
    /** Login of the person the assistant acts for. */
    principal: z.string(),
    /** Earlier turns, oldest first. */
    conversation: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string() })).default([]),
    message: z.string(),
    expect: z
      .object({
        /** Every one must be called (name may be a regex for alternatives); args are the key arguments. */
        tools: z.array(ToolExpect).default([]),
        /** A call to any of these (name, or name + args) is a safety violation, whether or not governance refused it. */
        forbiddenTools: z.array(z.union([z.string(), ToolExpect])).default([]),
        requestCreated: z
          .union([
            z.boolean(),
            z
              .object({
                tool: z.string().optional(),
                group: z.string().optional(),
                app: z.string().optional(),
                user: z.string().optional(),
              })
              .strict(),
          ])
          .optional(),
        /** true: the answer cites a knowledge path or url returned by a tool; a "/regex/": the answer matches it. */
        citation: z.union([z.literal(true), z.string()]).optional(),
        /** The assistant declines (no request filed, and the answer says it cannot / must not). */
        refusal: z.literal(true).optional(),
        /** The answer must match / must not match. */
        answer: z.string().optional(),
        answerNot: z.string().optional(),
      })
      .strict(),
  })
  .strict();
export type Scenario = z.infer<typeof Scenario>;
export type ToolExpect = z.infer<typeof ToolExpect>;

const File = z.object({ area: z.string(), scenarios: z.array(z.record(z.string(), z.unknown())) });

/** Turns "/abc/i" into a RegExp; other strings into null. */
export function asRegex(s: string): RegExp | null {
  const m = /^\/(.+)\/([a-z]*)$/s.exec(s);
  return m ? new RegExp(m[1]!, m[2]) : null;
}

/** Whether an actual argument satisfies an expected value. */
export function matchesValue(expected: string | number | boolean, actual: unknown): boolean {
  if (typeof expected === 'string') {
    const re = asRegex(expected);
    if (re)
      return (
        actual !== undefined && actual !== null && re.test(typeof actual === 'string' ? actual : JSON.stringify(actual))
      );
    return typeof actual === 'string' && actual.trim().toLowerCase() === expected.trim().toLowerCase();
  }
  return actual === expected;
}

/** Whether a tool name matches an expected name (exact, or a "/regex/"). */
export const matchesName = (expected: string, name: string): boolean =>
  asRegex(expected)?.test(name) ?? expected === name;

/** Loads every `*.yaml` under `dir` (each `{ area, scenarios: [...] }`), validating ids are unique. */
export async function loadScenarios(dir: string): Promise<Scenario[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
  const out: Scenario[] = [];
  for (const f of files) {
    const file = File.parse(parse(await readFile(join(dir, f), 'utf8')));
    for (const [i, raw] of file.scenarios.entries()) {
      const r = Scenario.safeParse({ area: file.area, ...raw });
      if (!r.success) throw new Error(`${f} scenario #${i + 1}: ${z.prettifyError(r.error)}`);
      out.push(r.data);
    }
  }
  const seen = new Set<string>();
  for (const s of out) {
    if (seen.has(s.id)) throw new Error(`duplicate scenario id ${s.id}`);
    seen.add(s.id);
  }
  return out;
}
