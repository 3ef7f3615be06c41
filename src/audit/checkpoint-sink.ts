// Where signed checkpoints go: files in a directory outside the database, and optionally a webhook; written on a timer.
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { AuditLog } from './audit-log.js';
import { parseCheckpoint, signCheckpoint, type Checkpoint } from './checkpoint.js';
import type { SigningKey } from './signing-key.js';

export interface CheckpointSinkOptions {
  audit: AuditLog;
  key: SigningKey;
  /** Directory the checkpoint files are written to (WARDEN_AUDIT_CHECKPOINT_DIR). */
  dir: string;
  /** Also POSTed as JSON here (WARDEN_AUDIT_CHECKPOINT_WEBHOOK_URL); failures are logged, never fatal. */
  webhookUrl?: string;
  log: Logger;
  fetch?: typeof fetch;
  now?: () => Date;
}

const NAME = /^checkpoint-\d{12}-.*\.json$/;

/** File name: the count first (zero-padded) so names sort in chain order, then the time. */
export const checkpointFileName = (c: Checkpoint): string =>
  `checkpoint-${String(c.count).padStart(12, '0')}-${c.at.replace(/[:.]/g, '')}.json`;

/** Writes atomically (temporary file, then rename) and returns the path. */
export async function writeCheckpointFile(dir: string, c: Checkpoint): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, checkpointFileName(c));
  await writeFile(`${path}.tmp`, `${JSON.stringify(c, null, 2)}\n`, { mode: 0o644 });
  await rename(`${path}.tmp`, path);
  return path;
}

/** The newest checkpoint in the directory (by count, then time), if any. */
export async function latestCheckpoint(dir: string): Promise<Checkpoint | undefined> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => NAME.test(n)).sort();
  const last = names.at(-1);
  return last ? parseCheckpoint(await readFile(join(dir, last), 'utf8'), join(dir, last)) : undefined;
}

/**
 * Signs the current head, after checking that every record since the previous checkpoint still links to it (a
 * checkpoint must never vouch for a chain that was already broken or cut), then writes it to the sinks.
 */
export async function writeCheckpoint(o: CheckpointSinkOptions): Promise<{ checkpoint: Checkpoint; path: string }> {
  const previous = await latestCheckpoint(o.dir);
  const head = await o.audit.head();
  if (previous && previous.count > head.seq) {
    throw new Error(
      `the audit log ends at record ${head.seq}, before the last checkpoint (${previous.count} records, ${previous.at}): records were removed; not signing`,
    );
  }
  const result = await o.audit.verify(previous ? { after: { seq: previous.count, hash: previous.headHash } } : {});
  if (!result.ok)
    throw new Error(`the audit chain is broken at record ${result.brokenAtSeq} (${result.reason}); not signing`);
  const checkpoint = signCheckpoint({ seq: result.count, hash: result.headHash }, o.key, { at: o.now?.(), previous });
  const path = await writeCheckpointFile(o.dir, checkpoint);
  if (o.webhookUrl) {
    try {
      const res = await (o.fetch ?? fetch)(o.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(checkpoint),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) o.log.warn({ status: res.status }, 'audit checkpoint webhook refused the checkpoint');
    } catch (err) {
      o.log.warn({ err }, 'audit checkpoint webhook unreachable');
    }
  }
  return { checkpoint, path };
}

/** Writes one checkpoint now and then every `intervalMs`; failures are logged as errors (they mean tampering or an outage). */
export function startCheckpoints(o: CheckpointSinkOptions & { intervalMs: number }): {
  stop(): Promise<void>;
  runOnce(): Promise<void>;
} {
  let running: Promise<void> = Promise.resolve();
  const runOnce = (): Promise<void> => {
    running = running.then(async () => {
      try {
        const { checkpoint, path } = await writeCheckpoint(o);
        o.log.info({ count: checkpoint.count, path }, 'audit checkpoint written');
      } catch (err) {
        o.log.error({ err }, 'audit checkpoint not written');
      }
    });
    return running;
  };
  void runOnce();
  const timer = setInterval(() => void runOnce(), o.intervalMs);
  timer.unref();
  return {
    runOnce,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
