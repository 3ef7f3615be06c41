// `warden knowledge index|search`: build the LanceDB index from folders, and search it from the shell.
import type { Config } from '../config.js';
import { createPolicyEngine } from '../policies/engine.js';
import { flags, UsageError, type Io } from './args.js';

const USAGE = `warden knowledge index <folder>... [--db DIR] [--rebuild]
       warden knowledge search "<query>" [--limit N] [--json] [--db DIR] [--mode hybrid|fts|vector]`;

export async function knowledgeCommand(argv: string[], config: Config, io: Io): Promise<number> {
  const { positionals, values } = flags(
    argv,
    {
      db: { type: 'string' },
      rebuild: { type: 'boolean' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
      mode: { type: 'string' },
    },
    USAGE,
  );
  const [sub, ...rest] = positionals;
  // LanceDB loads only for knowledge commands, not for every `warden` start.
  const { knowledgeIndexCommand, knowledgeSearchCommand } = await import('./knowledge-commands.js');
  const db = values.db ?? config.knowledge.dbDir;
  const embedder = config.knowledge.embedder;
  if (sub === 'index') {
    if (rest.length === 0) throw new UsageError(`give at least one folder to index\n\nusage: ${USAGE}`);
    const policy = createPolicyEngine({ path: config.policyPath });
    const audienceRules = policy.current().knowledge.audiences.map(({ path, audience }) => ({ path, audience }));
    policy.close();
    return knowledgeIndexCommand({
      folders: rest,
      db,
      embedder,
      rebuild: values.rebuild,
      audienceRules,
      stderr: io.stderr as never,
      stdout: io.stdout,
    });
  }
  if (sub === 'search') {
    const query = rest.join(' ').trim();
    if (!query) throw new UsageError(`give a query\n\nusage: ${USAGE}`);
    const limit = values.limit ? Number.parseInt(values.limit, 10) : 5;
    if (!Number.isInteger(limit) || limit < 1 || limit > 50)
      throw new UsageError('--limit must be a whole number from 1 to 50');
    if (values.mode && !['hybrid', 'fts', 'vector'].includes(values.mode))
      throw new UsageError('--mode must be hybrid, fts or vector');
    // The operator at the shell reads what the policy's warden-cli client may read.
    const policy = createPolicyEngine({ path: config.policyPath });
    const audiences = policy.scopeFor({ kind: 'person', clientId: 'warden-cli', auth: 'cli' })?.knowledgeAudiences ?? [
      'public',
    ];
    policy.close();
    return knowledgeSearchCommand({
      query,
      limit,
      json: values.json,
      db,
      embedder,
      stdout: io.stdout,
      stderr: io.stderr,
      audiences,
      mode: values.mode as never,
    });
  }
  throw new UsageError(`usage: ${USAGE}`);
}
