// Reads a policy file (and its includes), validates it with positioned errors, and compiles it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { compilePolicy } from './compile.js';
import type { CompiledPolicy } from './compiled-policy.js';
import { IncludedFileYaml, PolicyFileYaml, type IncludedFile, type PolicyFile } from './schema.js';
import { validateDefaults, validateSections } from './validate.js';
import { parseYamlSource, type PolicyError, type YamlSource } from './yaml-source.js';
import { zodIssuesToErrors } from './zod-issues.js';

export type LoadResult = { ok: true; policy: CompiledPolicy } | { ok: false; errors: PolicyError[]; files: string[] };

/** The policy hash: sha256 over each file's bytes in load order, first 16 hex chars. */
export function hashPolicyBytes(parts: readonly Buffer[]): string {
  const h = createHash('sha256');
  parts.forEach((p, i) => {
    if (i > 0) h.update('\0');
    h.update(p);
  });
  return h.digest('hex').slice(0, 16);
}

interface Parsed<T> {
  source?: YamlSource;
  data?: T;
  bytes?: Buffer;
  errors: PolicyError[];
}

function readAndParse<T>(file: string, schema: typeof PolicyFileYaml | typeof IncludedFileYaml): Parsed<T> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'read error';
    return { errors: [{ file, line: 1, column: 1, message: `cannot read policy file (${code})` }] };
  }
  const { source, errors } = parseYamlSource(bytes.toString('utf8'), file);
  if (errors.length) return { source, bytes, errors };
  const parsed = schema.safeParse(source.doc.toJS() ?? {}, { reportInput: true });
  if (!parsed.success) return { source, bytes, errors: zodIssuesToErrors(parsed.error.issues, source) };
  const data = parsed.data as IncludedFile;
  const semantic = validateSections(data, source);
  return { source, bytes, data: parsed.data as T, errors: semantic };
}

/** Merges an included file into the main one; duplicate client ids, tags, owners or rule ids are errors. */
function merge(main: PolicyFile, inc: IncludedFile, src: YamlSource): PolicyError[] {
  const errors: PolicyError[] = [];
  for (const section of ['clients', 'tags'] as const) {
    for (const [key, value] of Object.entries(inc[section] ?? {})) {
      const target = (main[section] ??= {}) as Record<string, unknown>;
      if (key in target)
        errors.push(src.errorAt([section], `${section}.${key}: already defined in an earlier file`, key));
      else target[key] = value;
    }
  }
  for (const kind of ['groups', 'apps'] as const) {
    for (const [key, logins] of Object.entries(inc.owners?.[kind] ?? {})) {
      const target = ((main.owners ??= {})[kind] ??= {});
      if (key in target)
        errors.push(src.errorAt(['owners', kind], `owners.${kind}.${key}: already defined in an earlier file`, key));
      else target[key] = logins;
    }
  }
  const ids = new Set((main.rules ?? []).map((r) => r.id));
  (inc.rules ?? []).forEach((rule, i) => {
    if (ids.has(rule.id))
      errors.push(
        src.errorAt(['rules', i, 'id'], `rules[${i}].id: rule id "${rule.id}" already used in an earlier file`),
      );
    ids.add(rule.id);
  });
  main.rules = [...(main.rules ?? []), ...(inc.rules ?? [])];
  if (inc.knowledge) main.knowledge = { audiences: [...(main.knowledge?.audiences ?? []), ...inc.knowledge.audiences] };
  return errors;
}

/** Loads, validates and compiles the policy at `path`. Never throws for a bad file. */
export function loadPolicy(path: string): LoadResult {
  const file = resolve(path);
  const main = readAndParse<PolicyFile>(file, PolicyFileYaml);
  const files = [file];
  if (!main.data || !main.source || !main.bytes) return { ok: false, errors: main.errors, files };
  const errors = [...main.errors, ...validateDefaults(main.data.defaults.reason?.pattern, main.source)];
  const merged: PolicyFile = structuredClone(main.data);
  const bytes = [main.bytes];
  (main.data.include ?? []).forEach((rel, i) => {
    const incPath = resolve(dirname(file), rel);
    files.push(incPath);
    const inc = readAndParse<IncludedFile>(incPath, IncludedFileYaml);
    if (!inc.data || !inc.source || !inc.bytes) {
      const missing = inc.errors.find((e) => e.message.startsWith('cannot read'));
      errors.push(
        ...(missing ? [main.source!.errorAt(['include', i], `include[${i}]: ${missing.message}: ${rel}`)] : inc.errors),
      );
      return;
    }
    bytes.push(inc.bytes);
    errors.push(...inc.errors, ...merge(merged, inc.data, inc.source));
  });
  if (errors.length) return { ok: false, errors, files };
  return { ok: true, policy: compilePolicy(merged, hashPolicyBytes(bytes), files) };
}
