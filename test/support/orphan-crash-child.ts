// Child process for the orphan-removal crash test, over a SQLite file and a persisted local directory in <dir>, with Jira at <scimUrl>:
//   crash <dir> <scimUrl> <account>  files and approves the removal of the orphan account; the parent's SCIM app SIGKILLs
//                                    this process once the app has deactivated it, before its answer arrives
//   resume <dir> <scimUrl>           a fresh worker takes over the dead one's claim and finishes the request
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openJiraWorld } from './jira-world.js';

const [mode, dir, scimUrl, account] = process.argv.slice(2) as [string, string, string, string?];
writeFileSync(join(dir, `${mode}.pid`), String(process.pid));

const world = await openJiraWorld({
  store: { kind: 'sqlite', path: join(dir, 'warden.db') },
  scimUrl,
  requests: { executor: mode === 'crash' ? { workerId: 'crashing-worker' } : { staleAfterMs: 0 } },
});

if (mode === 'crash') {
  const req = await world.fileOrphanRemoval(account!);
  writeFileSync(join(dir, 'request-id'), req.id);
  await world.approve(req.id); // execution starts on the last approval
  await world.executor.idle();
  console.error('the SCIM app never killed this process');
  process.exit(3);
} else {
  const n = await world.executor.resume();
  await world.executor.idle();
  await world.close();
  console.log(JSON.stringify({ n }));
}
