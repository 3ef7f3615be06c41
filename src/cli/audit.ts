// `warden audit verify|export|query|checkpoint|public-key`: check the chain (against signed checkpoints), search it, export it.
import { createWriteStream, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  actorSummary,
  checkpointDigest,
  checkSignature,
  latestCheckpoint,
  loadSigningKey,
  parseCheckpoint,
  publicKeyFromPem,
  signCheckpoint,
  targetSummary,
  toAuditFilter,
  type AuditLog,
  type Checkpoint,
} from '../audit/index.js';
import { isAppError } from '../core/errors.js';
import { flags, print, UsageError, type Io } from './args.js';

const USAGE = `warden audit verify [--checkpoint FILE|DIR ...] [--public-key PEM]
       warden audit query [--target LOGIN|GROUP|APP] [--actor LOGIN] [--client ID] [--action A] [--tool T] [--outcome O]
                          [--since 30d|ISO] [--until 30d|ISO] [--sign-ins] [--limit N] [--json]
       warden audit checkpoint [--out FILE]
       warden audit public-key
       warden audit export [--since <ISO time>] [--out <file>]`;

export interface AuditCommandDeps {
  audit: AuditLog;
  /** Where the signing key lives (WARDEN_AUDIT_SIGNING_KEY_FILE, or generated into the data dir). */
  signing: { keyFile?: string; dataDir: string };
  /** Where the server writes its checkpoints (the previous one is linked from a new one). */
  checkpointDir: string;
}

export async function auditCommand(argv: string[], deps: AuditCommandDeps, io: Io): Promise<number> {
  const { audit } = deps;
  const { positionals, values } = flags(
    argv,
    {
      since: { type: 'string' },
      until: { type: 'string' },
      out: { type: 'string' },
      checkpoint: { type: 'string', multiple: true },
      'public-key': { type: 'string' },
      target: { type: 'string' },
      actor: { type: 'string' },
      client: { type: 'string' },
      action: { type: 'string' },
      tool: { type: 'string' },
      outcome: { type: 'string' },
      'sign-ins': { type: 'boolean' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
    },
    USAGE,
  );
  const [sub, ...rest] = positionals;
  if (sub === 'verify') return verify(deps, [...(values.checkpoint ?? []), ...rest], values['public-key'], io);
  if (sub === 'query') {
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
      throw new UsageError(`--limit must be a whole number from 1 to 10000 (got ${values.limit})`);
    let filter;
    try {
      filter = toAuditFilter({ ...values, includeSignIns: values['sign-ins'] }, { limit });
    } catch (err) {
      if (isAppError(err)) throw new UsageError(`--${err.message}`);
      throw err;
    }
    const records = await audit.query(filter);
    if (values.json) {
      for (const r of records) io.stdout.write(`${JSON.stringify(r)}\n`);
      return 0;
    }
    if (records.length === 0) {
      print(io, 'No records match.');
      return 0;
    }
    for (const r of records) {
      print(
        io,
        [
          String(r.seq).padStart(7),
          r.at.slice(0, 19).replace('T', ' '),
          actorSummary(r).padEnd(28),
          `${r.action}${r.tool ? ` ${r.tool}` : ''}`.padEnd(34),
          r.outcome.padEnd(7),
          targetSummary(r),
        ].join('  '),
      );
    }
    if (records.length === limit) io.stderr.write(`(the ${limit} newest matches; use --limit or --until for more)\n`);
    return 0;
  }
  if (sub === 'checkpoint') {
    const key = loadSigningKey(deps.signing);
    const result = await audit.verify();
    if (!result.ok) {
      print(io, `Not signing: the audit chain is broken at record ${result.brokenAtSeq}: ${result.reason}.`);
      return 1;
    }
    const previous = await latestCheckpoint(deps.checkpointDir).catch(() => undefined);
    const cp = signCheckpoint({ seq: result.count, hash: result.headHash }, key, {
      previous: previous && previous.count <= result.count ? previous : undefined,
    });
    const text = `${JSON.stringify(cp, null, 2)}\n`;
    if (values.out) {
      writeFileSync(values.out, text);
      io.stderr.write(
        `Checkpoint of ${cp.count} records (head ${cp.headHash}) signed by ${cp.keyId}, written to ${values.out}.\n`,
      );
    } else io.stdout.write(text);
    return 0;
  }
  if (sub === 'public-key') {
    io.stdout.write(loadSigningKey(deps.signing).publicPem);
    return 0;
  }
  if (sub === 'export') {
    if (values.since && Number.isNaN(Date.parse(values.since)))
      throw new UsageError(`--since must be an ISO time, e.g. 2026-11-01T00:00:00Z (got ${values.since})`);
    const out = values.out ? createWriteStream(values.out) : io.stdout;
    const r = await audit.exportJsonl(out as never, {
      since: values.since ? new Date(values.since).toISOString() : undefined,
    });
    if (values.out) {
      await new Promise((res) => (out as ReturnType<typeof createWriteStream>).end(res));
      io.stderr.write(`Exported ${r.count} records to ${values.out}.\n`);
    }
    return 0;
  }
  throw new UsageError(`usage: ${USAGE}`);
}

/** Checkpoint files named on the command line; a directory stands for every checkpoint file in it. */
function readCheckpoints(paths: string[]): Array<{ cp: Checkpoint; path: string }> {
  const files = paths.flatMap((p) =>
    statSync(p, { throwIfNoEntry: false })?.isDirectory()
      ? readdirSync(p)
          .filter((n) => /^checkpoint-.*\.json$/.test(n))
          .sort()
          .map((n) => join(p, n))
      : [p],
  );
  return files.map((path) => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new UsageError(`cannot read checkpoint file ${path}`);
    }
    try {
      return { cp: parseCheckpoint(text, path), path };
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  });
}

async function verify(
  deps: AuditCommandDeps,
  paths: string[],
  publicKeyFile: string | undefined,
  io: Io,
): Promise<number> {
  const checkpoints = readCheckpoints(paths);
  if (paths.length > 0 && checkpoints.length === 0) throw new UsageError(`no checkpoint files in ${paths.join(', ')}`);
  if (checkpoints.length > 0) {
    let publicKey;
    try {
      publicKey = publicKeyFile
        ? publicKeyFromPem(readFileSync(publicKeyFile, 'utf8'))
        : loadSigningKey({ ...deps.signing, create: false }).publicKey;
    } catch (err) {
      throw new UsageError(`cannot load the public key to check checkpoints: ${(err as Error).message}`);
    }
    for (const { cp, path } of checkpoints) {
      const why = checkSignature(cp, publicKey);
      if (why) {
        print(io, `Checkpoint ${path} REJECTED: ${why}.`);
        return 1;
      }
    }
  }
  const r = await deps.audit.verify({
    checkpoints: checkpoints.map(({ cp, path }) => ({
      count: cp.count,
      headHash: cp.headHash,
      label: `${path} (${cp.count} records, signed ${cp.at})`,
    })),
  });
  if (!r.ok) {
    print(io, `Audit chain BROKEN at record ${r.brokenAtSeq}: ${r.reason} (${r.count} records checked).`);
    return 1;
  }
  print(io, `Audit chain verified: ${r.count} records, head ${r.headHash}.`);
  if (checkpoints.length > 0) {
    const last = checkpoints.reduce((a, b) => (b.cp.count > a.cp.count ? b : a));
    print(
      io,
      `Consistent with ${checkpoints.length} signed checkpoint${checkpoints.length === 1 ? '' : 's'} (the latest covers ${last.cp.count} records, signed ${last.cp.at}).`,
    );
    // Each checkpoint names the one before it: a gap means a checkpoint file is missing from what was given.
    const given = new Set(checkpoints.map(({ cp }) => checkpointDigest(cp)));
    const oldest = checkpoints.reduce((a, b) => (b.cp.at < a.cp.at ? b : a));
    for (const { cp, path } of checkpoints) {
      if (cp !== oldest.cp && cp.previous && !given.has(cp.previous))
        print(
          io,
          `Warning: the checkpoint before ${path} was not given (a file missing from the checkpoint directory?).`,
        );
    }
  } else {
    print(
      io,
      'Note: without --checkpoint this proves the records agree with each other and with the head row stored beside them. Records cut from the end together with a rewritten head row pass; pass signed checkpoints (e.g. --checkpoint .warden/checkpoints) to rule that out.',
    );
  }
  return 0;
}
