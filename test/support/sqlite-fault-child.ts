// Child process for the SQLite fault tests, run without the right to override file permissions or under a file-size limit: opens the store, tries
// to write through the governed path, and prints one JSON line per step ({ step, ok, code, message }).
import { createStore } from '../../src/store/index.js';
import { governanceOver } from './governance-over.js';

const [mode, path] = process.argv.slice(2) as ['readonly' | 'full', string];
const out = (step: string, r: { ok: boolean; code?: string; message?: string }) =>
  console.log(JSON.stringify({ step, ...r }));
const fail = (err: unknown) => ({ ok: false, code: (err as { code?: string }).code, message: (err as Error).message });

if (mode === 'readonly') {
  // Opening checks migrations in a write transaction; with none pending, a read-only file still opens.
  await createStore({ kind: 'sqlite', path }).then(
    (s) => (out('open', { ok: true }), s.close()),
    (err) => out('open', fail(err)),
  );
}
const store = await createStore({ kind: 'sqlite', path }, { migrate: false });
const g = governanceOver(store);
if (mode === 'readonly') {
  await store.countAudit().then(
    () => out('read', { ok: true }),
    (err) => out('read', fail(err)),
  );
  const r = await g.call('lookup_user', { query: 'ayesha.nwosu@acme.example' });
  out('call', r.ok ? { ok: true } : { ok: false, code: r.error.code, message: r.error.message });
} else {
  // Fill the file-size limit with audited calls until the disk "fills up".
  const reason = 'x'.repeat(4000);
  for (let i = 0; i < 20_000; i++) {
    const r = await g.call('lookup_user', { query: `ayesha.nwosu@acme.example ${reason}` });
    if (!r.ok && r.error.code !== 'invalid_input' && r.error.code !== 'not_found') {
      out('call', { ok: false, code: r.error.code, message: r.error.message });
      break;
    }
  }
}
g.close();
await store.close().catch(() => {});
