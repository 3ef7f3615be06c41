// The `warden` command: serve, demo, keys, policy, knowledge, audit. Parses flags, loads config once, dispatches.
import { loadConfig } from './config.js';
import { createStore } from './store/index.js';
import { createAuditLog } from './audit/index.js';
import { UsageError, type Io } from './cli/args.js';
import { serveCommand } from './cli/serve.js';
import { keysCommand } from './cli/keys.js';
import { sessionsCommand } from './cli/sessions.js';
import { auditCommand } from './cli/audit.js';
import { policyCommand } from './cli/policy.js';
import { requestsCommand } from './cli/requests.js';
import { knowledgeCommand } from './cli/knowledge.js';
import { jobsCommand, licencesCommand } from './lifecycle/index.js';
import { createWarden } from './server.js';
import { createDirectory } from './directory/index.js';
import { createLogger } from './core/logger.js';

const HELP = `warden — governed identity tools for AI agents

  warden demo                      start on the Acme demo company (HTTP, MCP at /mcp)
  warden serve [--stdio] [--port N] serve over HTTP, or MCP over stdio for desktop agents
  warden keys create <client-id> [--person LOGIN]
                                   create an API key for an MCP client (keys list | keys revoke <id>)
  warden sessions revoke --person LOGIN
                                   end every web session of a person (they must sign in again)
  warden policy check|explain|test validate the policy, explain one decision, run its tests
  warden requests list|show|approve|deny|retry
                                   act on access requests as an operator (approve/deny need --as <login>)
  warden knowledge index <dir>...  index documents (Markdown, HTML, text) into LanceDB; knowledge search "<query>" [--json]
  warden jobs list [--status dead] | jobs retry <id>|--all-dead
                                   lifecycle job queue (HR and Okta events), dead letters
  warden licences [--days N]       app seats vs people inactive for N days or gone, with a removal request per row
  warden audit verify [--checkpoint FILE|DIR...]
                                   recompute the audit hash chain, and check it still holds every signed checkpoint
  warden audit query [--target X] [--actor LOGIN] [--client ID] [--since 30d] [--json]
                                   who did what to whom (audit checkpoint [--out F] | public-key | export [--since T] [--out F])

Configuration comes from WARDEN_* environment variables; see README.md.`;

async function main(argv: string[], io: Io): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    io.stdout.write(`${HELP}\n`);
    return cmd ? 0 : 2;
  }
  const portFlag = rest.indexOf('--port');
  const overrides = portFlag >= 0 ? { WARDEN_PORT: rest[portFlag + 1] } : {};
  const config = loadConfig(process.env, overrides);
  switch (cmd) {
    case 'demo':
      return serveCommand(config, { stdio: false, demo: config.directory.kind === 'local' }, io);
    case 'serve':
      return serveCommand(config, { stdio: rest.includes('--stdio'), demo: false }, io);
    case 'keys':
    case 'sessions':
    case 'audit': {
      const store = await createStore(config.store);
      try {
        if (cmd === 'sessions') return await sessionsCommand(rest, { store, audit: createAuditLog(store) }, io);
        return cmd === 'keys' ? await keysCommand(rest, store, io) : await auditCommand(rest, { audit: createAuditLog(store), ...config.audit }, io);
      } finally {
        await store.close();
      }
    }
    case 'knowledge':
      return knowledgeCommand(rest, config, io);
    case 'jobs': {
      const store = await createStore(config.store);
      try { return await jobsCommand(rest, { store }, io); } finally { await store.close(); }
    }
    case 'licences': {
      const w = await createWarden(config, { log: createLogger({ level: 'warn' }) });
      try {
        return await licencesCommand(rest, { directory: w.directory, hr: w.hr, inactiveDays: w.policy.current().source.lifecycle?.licences?.inactiveDays }, io);
      } finally {
        await w.close();
      }
    }
    case 'policy':
      return policyCommand(rest, config, () => createDirectory(config.directory, createLogger({ level: 'warn' })), io);
    case 'requests': {
      const w = await createWarden(config, { log: createLogger({ level: 'warn' }) });
      try {
        return await requestsCommand(rest, { access: w.access, store: w.store, directory: w.directory }, io);
      } finally {
        await w.close();
      }
    }
    default:
      throw new UsageError(`Unknown command ${cmd}.\n\n${HELP}`);
  }
}

const io: Io = { stdout: process.stdout, stderr: process.stderr };
main(process.argv.slice(2), io).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    process.stderr.write(`${err instanceof UsageError || (err instanceof Error && /^Invalid|^invalid policy/.test(err.message)) ? err.message : `warden: ${(err as Error).message}`}\n`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);
