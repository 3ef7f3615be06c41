// The demo company's personas (examples/acme/personas.json), so benchmarks query real people.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const ACME = resolve(ROOT, 'examples/acme');

/** Persona name → login (or logins). */
export const personas = JSON.parse(readFileSync(resolve(ACME, 'personas.json'), 'utf8')) as Record<
  string,
  string | string[]
>;

/** The login of a single-valued persona; throws if the persona is missing or a list. */
export function persona(name: string): string {
  const v = personas[name];
  if (typeof v !== 'string') throw new Error(`persona ${name} is not a single login in personas.json`);
  return v;
}
