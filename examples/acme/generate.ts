// Regenerates Acme Corp's committed data: `npx tsx examples/acme/generate.ts`.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Seed } from '../../src/directory/seed.js';
import { buildAcme } from './generator/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const { seed, hrCsv, personas } = buildAcme();

const parsed = Seed.safeParse(seed);
if (!parsed.success) {
  for (const issue of parsed.error.issues.slice(0, 10)) console.error(`directory.json: ${issue.path.join('.')}: ${issue.message}`);
  throw new Error('generated seed does not match the Seed schema; nothing written');
}

writeFileSync(join(here, 'directory.json'), `${JSON.stringify(seed, null, 2)}\n`);
writeFileSync(join(here, 'hr.csv'), hrCsv);
writeFileSync(join(here, 'personas.json'), `${JSON.stringify(personas, null, 2)}\n`);
console.log(`Acme Corp: ${seed.users.length} users, ${seed.groups.length} groups, ${seed.apps.length} apps, ${seed.roles.length} roles, ${seed.events.length} events`);
