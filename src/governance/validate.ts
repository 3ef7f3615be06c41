// Validate step: parse tool input with its zod schema and explain every problem in words a model can act on.
import type { z } from 'zod';
import { InvalidInputError } from '../core/errors.js';
import type { AnyTool } from '../core/tool.js';

/** Parses the input or throws InvalidInputError naming each bad field and what is expected. */
export function validateInput(tool: AnyTool, input: unknown): Record<string, unknown> {
  const parsed = (tool.input as z.ZodObject).safeParse(input ?? {});
  if (parsed.success) return parsed.data as Record<string, unknown>;
  const problems = parsed.error.issues.slice(0, 8).map((i) => {
    const where = i.path.length ? i.path.join('.') : 'input';
    return `${where}: ${describeIssue(i)}`;
  });
  throw new InvalidInputError(`Invalid input for ${tool.name}: ${problems.join('; ')}.`, {
    hint: `Fix the listed fields and call ${tool.name} again; see the tool's input schema for allowed values.`,
    details: {
      issues: parsed.error.issues.slice(0, 8).map((i) => ({ path: i.path.join('.'), message: describeIssue(i) })),
    },
  });
}

function describeIssue(i: z.core.$ZodIssue): string {
  if (i.code === 'unrecognized_keys') return `unknown field(s) ${i.keys.join(', ')}`;
  return i.message;
}
