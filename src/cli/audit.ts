// `warden audit verify|export`: check the hash chain, or write JSON lines for a SIEM.
import { createWriteStream } from 'node:fs';
import type { AuditLog } from '../audit/index.js';
import { flags, print, UsageError, type Io } from './args.js';

const USAGE = 'warden audit verify | audit export [--since <ISO time>] [--out <file>]';

export async function auditCommand(argv: string[], audit: AuditLog, io: Io): Promise<number> {
  const { positionals, values } = flags(argv, { since: { type: 'string' }, out: { type: 'string' } }, USAGE);
  if (positionals[0] === 'verify') {
    const r = await audit.verify();
    if (r.ok) {
      print(io, `Audit chain verified: ${r.count} records, head ${r.headHash}.`);
      return 0;
    }
    print(io, `Audit chain BROKEN at record ${r.brokenAtSeq}: ${r.reason} (${r.count} records checked).`);
    return 1;
  }
  if (positionals[0] === 'export') {
    if (values.since && Number.isNaN(Date.parse(values.since))) throw new UsageError(`--since must be an ISO time, e.g. 2026-11-01T00:00:00Z (got ${values.since})`);
    const out = values.out ? createWriteStream(values.out) : io.stdout;
    const r = await audit.exportJsonl(out as never, { since: values.since ? new Date(values.since).toISOString() : undefined });
    if (values.out) {
      await new Promise((res) => (out as ReturnType<typeof createWriteStream>).end(res));
      io.stderr.write(`Exported ${r.count} records to ${values.out}.\n`);
    }
    return 0;
  }
  throw new UsageError(`usage: ${USAGE}`);
}
