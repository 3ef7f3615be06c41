// The policy file's JSON Schema, generated from the zod schema so editors can autocomplete and validate.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { PolicyFileYaml } from './schema.js';

/** JSON Schema (draft-07, what yaml-language-server reads best) of a policy file as written. */
export function policyJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(PolicyFileYaml, { io: 'input', target: 'draft-7', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: 'https://warden.dev/schema/policy.schema.json',
    title: 'Warden policy file',
    description: 'Which clients may call which tools, what they may see, and who must approve each access change.',
  };
}

/** Writes the schema to `path` (e.g. `schema/policy.schema.json`), creating the folder. Returns the text written. */
export function writePolicyJsonSchema(path: string): string {
  const text = `${JSON.stringify(policyJsonSchema(), null, 2)}\n`;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return text;
}
