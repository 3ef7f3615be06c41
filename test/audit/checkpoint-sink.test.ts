// The server's checkpoint writer: files outside the database, each linked to the one before, a webhook copy, and no
// signature over a log that lost records since the last checkpoint.
import { createServer } from 'node:http';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkpointDigest,
  checkSignature,
  createAuditLog,
  latestCheckpoint,
  loadSigningKey,
  startCheckpoints,
  writeCheckpoint,
  type AuditLog,
  type Checkpoint,
} from '../../src/audit/index.js';
import { memoryLogger } from '../support/harness.js';
import { sqliteHarness, type Harness } from '../store/harness.js';
import { auditInput } from './audit-contract.js';

let h: Harness;
let log: AuditLog;
let dir: string;
beforeEach(async () => {
  h = await sqliteHarness();
  log = createAuditLog(h.store);
  dir = mkdtempSync(join(tmpdir(), 'warden-cp-'));
});
afterEach(async () => {
  await h.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('checkpoint writer', () => {
  it('writes signed, linked checkpoints to the directory and posts each to the webhook', async () => {
    const received: Checkpoint[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const key = loadSigningKey({ dataDir: dir });
    const { log: logger } = memoryLogger();
    const sink = {
      audit: log,
      key,
      dir: join(dir, 'checkpoints'),
      webhookUrl: `http://127.0.0.1:${port}/cp`,
      log: logger,
    };
    try {
      for (let i = 1; i <= 3; i++) await log.append(auditInput(i));
      const timer = startCheckpoints({ ...sink, intervalMs: 3_600_000 });
      await timer.runOnce();
      for (let i = 4; i <= 5; i++) await log.append(auditInput(i));
      await timer.runOnce();
      await timer.stop();
      const files = readdirSync(sink.dir).sort();
      expect(files).toHaveLength(3);
      const latest = (await latestCheckpoint(sink.dir))!;
      expect(latest).toMatchObject({ count: 5, headHash: (await log.head()).hash });
      expect(checkSignature(latest, key.publicKey)).toBeNull();
      expect(received.map((c) => c.count)).toEqual([3, 3, 5]);
      expect(latest.previous).toBe(checkpointDigest(received[1]!));
    } finally {
      server.close();
    }
  });

  it('refuses to sign when the log is shorter than the last checkpoint', async () => {
    const key = loadSigningKey({ dataDir: dir });
    const { log: logger } = memoryLogger();
    const sink = { audit: log, key, dir: join(dir, 'checkpoints'), log: logger };
    for (let i = 1; i <= 6; i++) await log.append(auditInput(i));
    await writeCheckpoint(sink);
    await h.disableAppendOnly();
    const [r4] = await log.query({ afterSeq: 3, limit: 1 });
    await h.raw('DELETE FROM audit_log WHERE seq >= 5');
    await h.raw('UPDATE audit_head SET seq = 4, hash = ? WHERE id = 1', [r4!.hash]);
    await expect(writeCheckpoint(sink)).rejects.toThrow(/ends at record 4, before the last checkpoint \(6 records/);
  });
});
