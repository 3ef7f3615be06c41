// The `warden` command: serve, demo, keys, policy, knowledge, audit. Parses flags, loads config once, dispatches.
import { loadConfig } from './config.js';
import { createStore } from './store/index.js';
import { createAuditLog } from './audit/index.js';
import { UsageError, type Io } from './cli/args.js';
import { serveCommand } from './cli/serve.js';
import { keysCommand, policyClients } from './cli/keys.js';
import { sessionsCommand } from './cli/sessions.js';
import { auditCommand } from './cli/audit.js';
import { policyCommand } from './cli/policy.js';
import { requestsCommand } from './cli/requests.js';
import { knowledgeCommand } from './cli/knowledge.js';
import { jobsCommand } from './cli/jobs.js';
import { licencesCommand } from './cli/licences.js';
import { createWarden } from './server.js';
import { createDirectory } from './directory/index.js';
import { createLogger } from './core/logger.js';
import type { Store } from './core/store.js';
import { checkConnectorsFile, connectorsCommand } from './cli/connectors.js';

const HELP = `warden — governed identity tools for AI agents

  warden demo                      start on the Acme demo company (HTTP, MCP at /mcp)
  warden serve [--stdio] [--port N] serve over HTTP, or MCP over stdio for desktop agents
  warden keys create <client-id> [--person LOGIN] [--force]
                                   create an API key for a client the policy names (keys list | keys revoke <id>)
  warden sessions revoke --person LOGIN
                                   end every web session of a person (they must sign in again)
  warden policy check|explain|test validate the policy, explain one decision, run its tests
  warden policy diff OLD NEW       effective permission changes between two policies (! marks an escalation)
  warden requests list|show|approve|deny|retry
                                   act on access requests as an operator (approve/deny need --as <login>)
  warden knowledge index <dir>...  index documents (Markdown, HTML, text) into LanceDB; knowledge search "<query>" [--json]
  warden jobs list [--status dead] | jobs retry <id>|--all-dead
                                   lifecycle job queue (HR and Okta events), dead letters
  warden licences [--days N]       app seats vs people inactive for N days or gone, with a removal request per row
  warden connectors check|reconcile|retry [--app X] [--json]
                                   validate and probe the connected (SCIM) apps; report orphans, leavers' accounts, group drift; retry <request-id> finishes a request where an app failed
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
  // The demo company's in-process "Jira" is on for the commands people run on the demo (config keeps it to the local directory without a connectors file).
  const demoApps = ['demo', 'connectors', 'requests', 'licences'].includes(cmd) ? { WARDEN_DEMO_CONNECTORS: '1' } : {};
  const overrides = { ...demoApps, ...(portFlag >= 0 ? { WARDEN_PORT: rest[portFlag + 1] } : {}) };
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
        return cmd === 'keys'
          ? await keysCommand(rest, store, io, { knownClients: () => policyClients(config.policyPath) })
          : await auditCommand(rest, { audit: createAuditLog(store), ...config.audit }, io);
      } finally {
        await store.close();
      }
    }
    case 'knowledge':
      return knowledgeCommand(rest, config, io);
    case 'jobs': {
      const store = await createStore(config.store);
      try {
        return await jobsCommand(rest, { store }, io);
      } finally {
        await store.close();
      }
    }
    case 'licences': {
      const w = await createWarden(config, { log: createLogger({ level: 'warn' }) });
      try {
        return await licencesCommand(
          rest,
          {
            directory: w.directory,
            hr: w.hr,
            inactiveDays: w.policy.current().source.lifecycle?.licences?.inactiveDays,
            seats: () => w.connectors.reader.seats(),
          },
          io,
        );
      } finally {
        await w.close();
      }
    }
    case 'connectors': {
      const file = rest[0] === 'check' && rest[1] && !rest[1].startsWith('--') ? rest[1] : config.connectors.path;
      if (!checkConnectorsFile(file, io)) return 1;
      const w = await createWarden(
        file === config.connectors.path ? config : loadConfig(process.env, { ...overrides, WARDEN_CONNECTORS: file }),
        { log: createLogger({ level: 'warn' }) },
      );
      try {
        return await connectorsCommand(
          rest.filter((a) => a !== file),
          async () => w.connectors,
          io,
        );
      } finally {
        await w.close();
      }
    }
    case 'policy': {
      // Explain reads today's directory: the local one's changes are in the store.
      let store: Store | undefined;
      const directory = async () => {
        if (config.directory.kind === 'local') store = await createStore(config.store);
        return createDirectory(config.directory, createLogger({ level: 'warn' }), store);
      };
      try {
        return await policyCommand(rest, config, directory, io);
      } finally {
        await store?.close();
      }
    }
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
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // An operator runs this: for a store that cannot be reached, the driver's own words (host, port) help.
    const cause =
      err instanceof Error && (err as { code?: unknown }).code === 'unavailable' && err.cause instanceof Error
        ? ` (${err.cause.message})`
        : '';
    process.stderr.write(
      `${err instanceof UsageError || (err instanceof Error && /^Invalid|^invalid policy/.test(err.message)) ? err.message : `warden: ${(err as Error).message}${cause}`}\n`,
    );
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);
