// Child process for the executor crash tests, over a SQLite file in <dir> (which also holds the local directory's changes):
//   crash <dir> <point>         files and approves a request, SIGKILLs itself at that point of execution ('approved' = before the executor runs)
//   revoke-crash <dir> <point>  gets an 8h grant applied, moves the clock 9h on, SIGKILLs itself at that point of revoking it
//   resume <dir> <staleAfterMs> / sweep <dir> <staleAfterMs>  a fresh worker recovers what the dead one left (sweep: 9h later)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalDirectory } from '../../src/directory/local/local-directory.js';
import { ACME_DIR, openRequestWorld } from './request-world.js';

const SUBJECT = 'zara.hayashi@acme.example';
const GROUP = 'Proj-Atlas';
const MANAGER = 'ayesha.nwosu@acme.example';
const HELPDESK = 'gabriel.reddy@acme.example';
const LATER_MS = 9 * 3_600_000;

const [mode, dir, arg] = process.argv.slice(2) as [string, string, string];
const die = () => process.kill(process.pid, 'SIGKILL');
const crashing = mode === 'crash' || mode === 'revoke-crash';
let offsetMs = mode === 'sweep' ? LATER_MS : 0;
let armed = mode === 'crash';

const world = await openRequestWorld({
  store: { kind: 'sqlite', path: join(dir, 'warden.db') },
  directory: (store) => createLocalDirectory({ seedPath: `${ACME_DIR}/directory.json`, store }),
  requests: {
    now: () => new Date(Date.now() + offsetMs),
    executeOnApproval: !(mode === 'crash' && arg === 'approved'),
    executor: crashing
      ? {
          workerId: 'crashing-worker',
          checkpoint: (p) => {
            if (armed && p === arg) die();
          },
        }
      : { staleAfterMs: Number(arg) },
  },
});

if (crashing) {
  const helpdesk = (await world.directory.getUser(HELPDESK))!;
  const asker = {
    kind: 'agent' as const,
    clientId: 'claude-desktop',
    auth: 'api_key' as const,
    person: { id: helpdesk.id, login: helpdesk.login },
  };
  const req = await world.fileGroupAdd(asker, SUBJECT, GROUP, mode === 'revoke-crash' ? { duration: '8h' } : {});
  writeFileSync(join(dir, 'request-id'), req.id);
  await world.approvals.decide(req.id, await world.person(MANAGER), 'approve', 'ok for Q1');
  if (arg === 'approved') die(); // approved and recorded, the executor never ran
  await world.executor.idle();
  if (mode === 'revoke-crash') {
    offsetMs = LATER_MS; // the grant has expired
    armed = true;
    await world.executor.sweep();
  }
  console.error(`checkpoint ${arg} was never reached`);
  process.exit(3);
} else {
  const n = mode === 'sweep' ? (await world.executor.sweep()).revoked : await world.executor.resume();
  await world.executor.idle();
  await world.close();
  console.log(JSON.stringify({ n }));
}
