// `warden jobs list|retry`: operators inspect the lifecycle job queue and put dead jobs back in line.
import { flags, print, UsageError, type Io } from './args.js';
import { JOB_STATUSES, type JobStatus, type JobStore } from '../core/store.js';

const USAGE = `warden jobs list [--status queued|running|done|dead] [--kind K] [--limit N]
       warden jobs retry <job-id> | --all-dead`;

export async function jobsCommand(argv: string[], deps: { store: JobStore }, io: Io): Promise<number> {
  const { positionals, values } = flags(
    argv,
    {
      status: { type: 'string' },
      kind: { type: 'string' },
      limit: { type: 'string' },
      'all-dead': { type: 'boolean' },
    },
    USAGE,
  );
  const [sub, id] = positionals;
  if (sub === 'list') {
    if (values.status && !JOB_STATUSES.includes(values.status as JobStatus))
      throw new UsageError(`--status must be one of ${JOB_STATUSES.join(', ')}`);
    const counts = await deps.store.countJobs();
    print(io, `queued ${counts.queued}, running ${counts.running}, done ${counts.done}, dead ${counts.dead}`);
    const jobs = await deps.store.listJobs({
      status: values.status as JobStatus | undefined,
      kind: values.kind,
      limit: Number(values.limit ?? 100),
    });
    for (const j of jobs) {
      print(
        io,
        `${j.id}  ${j.status.padEnd(7)} ${j.kind.padEnd(28)} ${j.key ?? '-'}  attempts ${j.attempts}/${j.maxAttempts}  run after ${j.runAfter.slice(0, 19)}${j.lastError ? `  last error: ${j.lastError.slice(0, 160)}` : ''}`,
      );
    }
    return 0;
  }
  if (sub === 'retry') {
    const ids = values['all-dead']
      ? (await deps.store.listJobs({ status: 'dead', limit: 10_000 })).map((j) => j.id)
      : id
        ? [id]
        : [];
    if (ids.length === 0) throw new UsageError(values['all-dead'] ? 'No dead jobs.' : `usage: ${USAGE}`);
    let n = 0;
    for (const jid of ids) {
      if (await deps.store.retryDeadJob(jid)) n++;
      else print(io, `${jid}: not dead (or unknown); left as it is`);
    }
    print(io, `${n} job(s) queued again`);
    return n === ids.length ? 0 : 1;
  }
  throw new UsageError(`usage: ${USAGE}`);
}
