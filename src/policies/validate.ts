// Checks the schema cannot express: effect/approvals consistency, unique ids, valid regexes, satisfiable steps.
import type { IncludedFile } from './schema.js';
import type { PolicyError, YamlSource } from './yaml-source.js';

/** Semantic errors in one parsed file (its own sections only). */
export function validateSections(file: IncludedFile, source: YamlSource): PolicyError[] {
  const errors: PolicyError[] = [];
  const at = (path: PropertyKey[], message: string, key?: string) => errors.push(source.errorAt(path, message, key));
  const ruleIds = new Map<string, number>();
  (file.rules ?? []).forEach((rule, i) => {
    const base = ['rules', i];
    const prev = ruleIds.get(rule.id);
    if (prev !== undefined)
      at([...base, 'id'], `rules[${i}].id: duplicate rule id "${rule.id}" (first used by rules[${prev}])`);
    else ruleIds.set(rule.id, i);
    if (rule.effect === 'approval' && !rule.approvals?.length) {
      at([...base, 'effect'], `rules[${i}] (${rule.id}): effect "approval" needs at least one entry under approvals`);
    }
    if (rule.effect !== 'approval' && rule.approvals?.length) {
      at(
        [...base, 'approvals'],
        `rules[${i}] (${rule.id}): approvals only apply when effect is "approval" (effect is "${rule.effect}")`,
        undefined,
      );
    }
    if (rule.reason?.pattern !== undefined && !compiles(rule.reason.pattern)) {
      at([...base, 'reason', 'pattern'], `rules[${i}].reason.pattern: not a valid regular expression`);
    }
    const stepIds = new Set<string>();
    (rule.approvals ?? []).forEach((step, j) => {
      const p = [...base, 'approvals', j];
      if (stepIds.has(step.id))
        at([...p, 'id'], `rules[${i}].approvals[${j}].id: duplicate step id "${step.id}" in rule ${rule.id}`);
      stepIds.add(step.id);
      // Only named people are countable at load time; groups, managers and owners are resolved per request.
      const onlyPeople = step.anyOf.every((a) => typeof a === 'object' && 'person' in a);
      if (onlyPeople && step.distinct && step.count > step.anyOf.length) {
        at(
          [...p, 'count'],
          `rules[${i}].approvals[${j}].count: ${step.count} distinct approvals needed but only ${step.anyOf.length} person(s) listed`,
        );
      }
    });
  });
  for (const [id, client] of Object.entries(file.clients ?? {})) {
    for (const [k, list] of Object.entries(client.tools ?? {})) {
      if (list && list.length === 0)
        at(['clients', id, 'tools', k], `clients.${id}.tools.${k}: empty list; remove it instead`);
    }
  }
  if (file.clients && 'unknown' in file.clients) at(['clients'], 'clients.unknown: "unknown" is reserved', 'unknown');
  return errors;
}

/** Checks the defaults' reason pattern (the only regex outside rules). */
export function validateDefaults(pattern: string | undefined, source: YamlSource): PolicyError[] {
  if (pattern === undefined || compiles(pattern)) return [];
  return [source.errorAt(['defaults', 'reason', 'pattern'], 'defaults.reason.pattern: not a valid regular expression')];
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
