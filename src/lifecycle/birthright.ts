// Birthright access from the policy: which groups and apps a person's department, title and location justify.
import type { HrRecord } from '../core/hr.js';
import { compileGlobs } from '../policies/glob.js';
import type { BirthrightRuleFile, LifecycleFile } from '../policies/lifecycle-schema.js';

export interface Birthright {
  groups: string[];
  apps: string[];
  /** Ids of the rules that matched, for reasons and reports. */
  rules: string[];
}

export type RoleFacts = Pick<HrRecord, 'department' | 'jobTitle' | 'location'>;

const list = (v: string | string[] | undefined): string[] | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v : [v];
const same = (a: string | undefined, options: string[] | undefined) =>
  !options || (!!a && options.some((o) => o.toLowerCase() === a.toLowerCase()));
/** "Remote - US" → "Remote-US", "Customer Success" → "Customer-Success". */
const slug = (s: string) =>
  s
    .trim()
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function applies(rule: BirthrightRuleFile, who: RoleFacts): boolean {
  const m = rule.match ?? {};
  if (!same(who.department, list(m.department))) return false;
  if (!same(who.location, list(m.location))) return false;
  const titles = list(m.title);
  return !titles || (!!who.jobTitle && compileGlobs(titles).test(who.jobTitle));
}

/** Fills {department}, {location}, {title}; a template whose field is unknown yields nothing. */
function fill(template: string, who: RoleFacts): string | undefined {
  let missing = false;
  const out = template.replace(/\{(department|location|title)\}/g, (_m, f: string) => {
    const v = f === 'title' ? who.jobTitle : who[f as 'department' | 'location'];
    if (!v) missing = true;
    return v ? slug(v) : '';
  });
  return missing ? undefined : out;
}

/** Everything the role justifies, deduplicated (case-insensitive), in policy order. */
export function birthrightFor(cfg: Pick<LifecycleFile, 'birthright'>, who: RoleFacts): Birthright {
  const groups = new Map<string, string>();
  const apps = new Map<string, string>();
  const rules: string[] = [];
  for (const rule of cfg.birthright) {
    if (!applies(rule, who)) continue;
    rules.push(rule.id);
    for (const g of rule.groups) {
      const name = fill(g, who);
      if (name) groups.set(name.toLowerCase(), name);
    }
    for (const a of rule.apps) {
      const name = fill(a, who);
      if (name) apps.set(name.toLowerCase(), name);
    }
  }
  return { groups: [...groups.values()], apps: [...apps.values()], rules };
}

/** Names in `a` that are not in `b` (case-insensitive). */
export const minus = (a: string[], b: string[]): string[] => {
  const drop = new Set(b.map((x) => x.toLowerCase()));
  return a.filter((x) => !drop.has(x.toLowerCase()));
};
