// `warden audit checkpoint|public-key|verify --checkpoint|query` on both stores, including the cut-tail-and-head attack.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuditLog, type AuditLog } from '../../src/audit/index.js';
import { auditCommand, type AuditCommandDeps } from '../../src/cli/audit.js';
import { postgresHarness, sqliteHarness, type Harness, type HarnessFactory } from '../store/harness.js';
import { auditInput } from '../audit/audit-contract.js';

function capture() {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks = { out: '', err: '' };
  out.on('data', (c: Buffer) => (chunks.out += c.toString()));
  err.on('data', (c: Buffer) => (chunks.err += c.toString()));
  return { io: { stdout: out, stderr: err }, chunks };
}

for (const [name, factory] of [
  ['sqlite', sqliteHarness],
  ['postgres', postgresHarness],
] as Array<[string, HarnessFactory]>) {
  describe(`warden audit (${name})`, () => {
    let h: Harness;
    let log: AuditLog;
    let dir: string;
    let deps: AuditCommandDeps;
    const run = async (...argv: string[]) => {
      const { io, chunks } = capture();
      const code = await auditCommand(argv, deps, io);
      return { code, ...chunks };
    };

    beforeEach(async () => {
      h = await factory();
      log = createAuditLog(h.store);
      dir = mkdtempSync(join(tmpdir(), 'warden-audit-cli-'));
      deps = { audit: log, signing: { dataDir: dir }, checkpointDir: join(dir, 'checkpoints') };
      for (let i = 1; i <= 10; i++) await log.append(auditInput(i));
    });
    afterEach(async () => {
      await h.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('signs a checkpoint with a generated 0600 key, prints the public key, and verifies a chain that grew since', async () => {
      const cp1 = join(dir, 'cp1.json');
      const r = await run('checkpoint', '--out', cp1);
      expect(r.code).toBe(0);
      const cp = JSON.parse(readFileSync(cp1, 'utf8'));
      expect(cp).toMatchObject({
        count: 10,
        headHash: (await log.head()).hash,
        keyId: expect.stringMatching(/^ed25519:[0-9a-f]{32}$/),
        signature: expect.any(String),
      });
      expect(statSync(join(dir, 'audit-signing-key.pem')).mode & 0o777).toBe(0o600);
      expect((await run('public-key')).out).toMatch(/^-----BEGIN PUBLIC KEY-----/);
      await log.append(auditInput(11));
      await log.append(auditInput(12));
      const v = await run('verify', '--checkpoint', cp1);
      expect(v).toMatchObject({
        code: 0,
        out: expect.stringContaining('Consistent with 1 signed checkpoint (the latest covers 10 records'),
      });
    });

    it('rejects a forged checkpoint and one signed by another key', async () => {
      const cp1 = join(dir, 'cp1.json');
      await run('checkpoint', '--out', cp1);
      const forged = join(dir, 'forged.json');
      writeFileSync(forged, JSON.stringify({ ...JSON.parse(readFileSync(cp1, 'utf8')), count: 9 }));
      const f = await run('verify', '--checkpoint', forged);
      expect(f).toMatchObject({ code: 1, out: expect.stringMatching(/REJECTED: its signature does not verify/) });
      const otherDir = mkdtempSync(join(tmpdir(), 'warden-audit-other-'));
      const other = join(otherDir, 'cp.json');
      const { io } = capture();
      await auditCommand(['checkpoint', '--out', other], { ...deps, signing: { dataDir: otherDir } }, io);
      const o = await run('verify', '--checkpoint', other);
      rmSync(otherDir, { recursive: true, force: true });
      expect(o).toMatchObject({
        code: 1,
        out: expect.stringMatching(/REJECTED: it was signed by key ed25519:\w+, not by this Warden's key/),
      });
    });

    it('catches records cut from the end with the head row rewritten, which plain verify cannot', async () => {
      const cp1 = join(dir, 'cp1.json');
      await run('checkpoint', '--out', cp1);
      // The attack: delete the last records and point the head row at the new last record, in the same database.
      await h.disableAppendOnly();
      const [r8] = await log.query({ afterSeq: 7, limit: 1 });
      await h.raw('DELETE FROM audit_log WHERE seq >= 9');
      await h.raw('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1', [8, r8!.hash]);
      const plain = await run('verify');
      expect(plain.code).toBe(0);
      expect(plain.out).toContain('Note: without --checkpoint');
      const checked = await run('verify', '--checkpoint', cp1);
      expect(checked.code).toBe(1);
      expect(checked.out).toMatch(
        /BROKEN at record 9: checkpoint .*cp1\.json \(10 records, signed .*\) was signed over 10 records but the log now ends at record 8: records 9\.\.10 were removed/,
      );
    });

    it('catches a chain rebuilt with new hashes under an old checkpoint', async () => {
      const cp1 = join(dir, 'cp1.json');
      await run('checkpoint', '--out', cp1);
      // Rebuild the whole log elsewhere with one record changed, then swap it in: every link is valid, the checkpoint is not.
      await h.disableAppendOnly();
      await h.raw('DELETE FROM audit_log');
      await h.raw(`UPDATE audit_head SET seq = 0, hash = '${'0'.repeat(64)}' WHERE id = 1`);
      for (let i = 1; i <= 10; i++) await log.append(auditInput(i, i === 4 ? { outcome: 'denied' } : {}));
      expect((await run('verify')).code).toBe(0);
      const checked = await run('verify', '--checkpoint', cp1);
      expect(checked).toMatchObject({ code: 1, out: expect.stringContaining('record 10 is not the one checkpoint') });
    });
  });
}

describe('warden audit query', () => {
  let h: Harness;
  let deps: AuditCommandDeps;
  beforeEach(async () => {
    h = await sqliteHarness();
    const log = createAuditLog(h.store);
    deps = { audit: log, signing: { dataDir: tmpdir() }, checkpointDir: tmpdir() };
    const ann = { kind: 'agent' as const, clientId: 'claude-desktop', person: { id: '00u1', login: 'ann@acme.test' } };
    await log.append({
      at: '2026-11-01T10:00:00Z',
      actor: ann,
      action: 'tool.call',
      tool: 'lookup_user',
      outcome: 'ok',
      targets: [{ type: 'user', id: '00u9', login: 'zara.hayashi@acme.test', name: 'Zara Hayashi' }],
    });
    await log.append({
      at: '2026-11-02T10:00:00Z',
      actor: { kind: 'person', clientId: 'warden-web', person: { id: '00u2', login: 'sec@acme.test' } },
      action: 'web.signed-in',
      outcome: 'ok',
    });
    await log.append({
      at: '2026-11-03T10:00:00Z',
      actor: ann,
      action: 'tool.call',
      tool: 'get_group',
      outcome: 'ok',
      targets: [{ type: 'group', id: '00g1', name: 'Proj-Atlas' }],
    });
  });
  afterEach(async () => h.dispose());

  it('answers "who looked up Zara" by name, login or id, hides sign-ins, and prints JSON lines', async () => {
    for (const target of ['Zara', 'zara.hayashi@acme.test', '00u9', 'Zara Hayashi', 'user:00u9']) {
      const { io, chunks } = capture();
      expect(await auditCommand(['query', '--target', target, '--since', '2026-10-01'], deps, io)).toBe(0);
      expect(chunks.out).toMatch(/ann@acme\.test\s+tool\.call lookup_user\s+ok\s+user:zara\.hayashi@acme\.test/);
      expect(chunks.out.trim().split('\n')).toHaveLength(1);
    }
    const all = capture();
    await auditCommand(['query', '--until', '2026-12-01T00:00:00Z'], deps, all.io);
    expect(all.chunks.out).not.toContain('web.signed-in');
    const json = capture();
    await auditCommand(['query', '--actor', 'sec@acme.test', '--sign-ins', '--json'], deps, json.io);
    expect(
      json.chunks.out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).action),
    ).toEqual(['web.signed-in']);
    const none = capture();
    await auditCommand(['query', '--client', 'claude-desktop', '--since', '30d'], deps, none.io);
    expect(none.chunks.out).toBe('No records match.\n');
  });

  it('says what is wrong with a bad time', async () => {
    await expect(auditCommand(['query', '--since', 'last tuesday'], deps, capture().io)).rejects.toThrow(
      /since must be a duration like 30d/,
    );
  });
});

describe('warden audit verify over a checkpoint directory', () => {
  it('verifies every checkpoint the server wrote, and warns when one in the middle is missing', async () => {
    const h = await sqliteHarness();
    const dir = mkdtempSync(join(tmpdir(), 'warden-audit-dir-'));
    try {
      const log = createAuditLog(h.store);
      const deps: AuditCommandDeps = { audit: log, signing: { dataDir: dir }, checkpointDir: join(dir, 'checkpoints') };
      const { loadSigningKey, writeCheckpoint } = await import('../../src/audit/index.js');
      const { memoryLogger } = await import('../support/harness.js');
      const sink = {
        audit: log,
        key: loadSigningKey({ dataDir: dir }),
        dir: deps.checkpointDir,
        log: memoryLogger().log,
      };
      const paths: string[] = [];
      for (let round = 0; round < 3; round++) {
        for (let i = 1; i <= 3; i++) await log.append(auditInput(round * 3 + i));
        paths.push((await writeCheckpoint(sink)).path);
      }
      const all = capture();
      expect(await auditCommand(['verify', '--checkpoint', deps.checkpointDir], deps, all.io)).toBe(0);
      expect(all.chunks.out).toContain('Consistent with 3 signed checkpoints (the latest covers 9 records');
      expect(all.chunks.out).not.toContain('Warning');
      rmSync(paths[1]!);
      const gap = capture();
      expect(await auditCommand(['verify', '--checkpoint', deps.checkpointDir], deps, gap.io)).toBe(0);
      expect(gap.chunks.out).toMatch(/Warning: the checkpoint before .*checkpoint-000000000009-.*\.json was not given/);
    } finally {
      await h.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
