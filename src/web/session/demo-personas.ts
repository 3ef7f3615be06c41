// The demo company's sign-in personas (helpdesk agent, manager, group owner, security), read from personas.json beside the demo seed.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface DemoPersona {
  /** Key in personas.json, e.g. `helpdesk`. */
  key: string;
  login: string;
  /** What the picker calls them. */
  role: string;
}

const OFFERED: Array<[key: string, role: string]> = [
  ['helpdesk', 'Helpdesk agent'],
  ['manager', 'Manager'],
  ['groupOwner', 'Group owner'],
  ['security', 'Security engineer'],
];

/** The personas offered for the demo seed at `seedPath`, or [] when there is no personas.json beside it. */
export function loadDemoPersonas(seedPath: string): DemoPersona[] {
  const file = join(dirname(seedPath), 'personas.json');
  if (!existsSync(file)) return [];
  const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return OFFERED.flatMap(([key, role]) =>
    typeof all[key] === 'string' ? [{ key, login: all[key] as string, role }] : [],
  );
}
