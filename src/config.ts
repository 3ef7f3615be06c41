// Configuration: environment (and CLI overrides) parsed once by zod into a frozen object. The only reader of process.env.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The project root (where examples/acme lives), independent of the current directory: the nearest folder above this
 * module with a package.json, wherever the module runs from (src/ under tsx, dist/, or a chunk of dist/bundle/).
 */
export const PROJECT_ROOT = projectRoot(dirname(fileURLToPath(import.meta.url)));
function projectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return resolve(dir);
    if (dirname(dir) === dir) return resolve(from, '..');
  }
}
const acme = (f: string) => resolve(PROJECT_ROOT, 'examples/acme', f);

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'], { error: 'must be true or false (1/0, yes/no)' })
  .transform((v) => ['1', 'true', 'yes'].includes(v));
/** A whole number in [min, max]; one message for every way it can be wrong (NaN, fraction, range). */
const int = (min: number, what: string, max = Number.MAX_SAFE_INTEGER) => {
  const error = `must be ${what}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};
// Port 0 (any free port) is accepted for tests and tools; people are told about real ports.
const port = int(0, 'a port number (1-65535)', 65535);
const url = () => z.string().url({ error: 'must be a URL like https://example.com' });
/** Values never echoed in errors: they may be credentials (a database URL can carry a password). */
const SECRET_KEY = /(TOKEN|SECRET|API_KEY|WEBHOOK_KEY|DATABASE_URL)$/;

const Env = z.object({
  WARDEN_DATA_DIR: z.string().default('.warden'),
  WARDEN_HOST: z.string().default('127.0.0.1'),
  WARDEN_PORT: port.default(8787),
  WARDEN_PUBLIC_URL: url().optional(),
  WARDEN_ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const list = (v ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean);
      for (const h of list) {
        if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(h))
          ctx.addIssue({
            code: 'custom',
            message: `must list host names like warden.example.com or warden.example.com:8443 (no scheme or path); ${h} is not one`,
          });
      }
      return list;
    }),
  WARDEN_LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  WARDEN_READ_ONLY: bool.default(false),
  WARDEN_CHECK_OUTPUTS: bool.default(true),
  WARDEN_NOTIFY_WEBHOOK_URL: url().optional(),
  WARDEN_ALERT_WEBHOOK_URL: url().optional(),
  WARDEN_OKTA_HOOK_SECRET: z.string().min(16, 'must be a long random secret (16+ characters)').optional(),
  WARDEN_BAMBOOHR_WEBHOOK_KEY: z.string().min(16, 'must be a long random key (16+ characters)').optional(),
  WARDEN_LIFECYCLE_LOG_POLL_MS: int(0, 'a whole number of milliseconds (0 turns it off)').default(60_000),
  WARDEN_LIFECYCLE_HR_POLL_MS: int(0, 'a whole number of milliseconds (0 turns it off)').default(300_000),
  WARDEN_LIFECYCLE_DRIFT_SCAN_MS: int(0, 'a whole number of milliseconds (0 turns it off)').default(3_600_000),
  WARDEN_EXECUTOR_INTERVAL_MS: int(100, 'a whole number of milliseconds, at least 100').default(5000),
  WARDEN_EXECUTOR_RETRY_DEADLINE_SECONDS: int(
    0,
    'a whole number of seconds, at most 7 days (0 fails at the first transient error)',
    7 * 86_400,
  ).default(3600),
  WARDEN_DIRECTORY: z.enum(['local', 'okta']).default('local'),
  WARDEN_DEMO_SEED: z.string().default(acme('directory.json')),
  WARDEN_OKTA_ORG_URL: url().optional(),
  WARDEN_OKTA_TOKEN: z.string().optional(),
  WARDEN_OKTA_CLIENT_ID: z.string().optional(),
  WARDEN_OKTA_PRIVATE_KEY_FILE: z.string().optional(),
  WARDEN_OKTA_KEY_ID: z.string().optional(),
  WARDEN_OKTA_CATALOGUE_TTL_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds (0-3600)' })
    .min(0, { error: 'must be a number of seconds (0-3600)' })
    .max(3600, { error: 'must be a number of seconds (0-3600)' })
    .default(60),
  WARDEN_OKTA_SCOPES: z
    .string()
    .default(
      'okta.users.read okta.groups.read okta.apps.read okta.roles.read okta.logs.read okta.users.manage okta.groups.manage okta.apps.manage',
    ),
  WARDEN_HR: z.enum(['file', 'bamboohr']).default('file'),
  WARDEN_HR_FILE: z.string().default(acme('hr.csv')),
  WARDEN_BAMBOOHR_URL: url().optional(),
  WARDEN_BAMBOOHR_API_KEY: z.string().optional(),
  WARDEN_POLICY: z.string().default(acme('policy.yaml')),
  WARDEN_CONNECTORS: z.string().optional(),
  WARDEN_CONNECTORS_RECONCILE_MS: z.coerce.number().int().min(0).default(3_600_000),
  WARDEN_DEMO_CONNECTORS: bool.optional(),
  WARDEN_DATABASE_URL: z.string().optional(),
  WARDEN_STDIO_CLIENT: z.string().default('claude-desktop'),
  WARDEN_STDIO_PERSON: z.string().optional(),
  WARDEN_OAUTH_ISSUER: url().optional(),
  WARDEN_OAUTH_AUDIENCE: z.string().optional(),
  WARDEN_OAUTH_JWKS_URL: url().optional(),
  WARDEN_KNOWLEDGE_DIR: z.string().default(acme('knowledge')),
  WARDEN_KNOWLEDGE_DB: z.string().optional(),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: url().optional(),
  WARDEN_EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
  WARDEN_CHAT_MODEL: z.string().optional(),
  WARDEN_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  WARDEN_OIDC_ISSUER: url().optional(),
  WARDEN_OIDC_CLIENT_ID: z.string().optional(),
  WARDEN_OIDC_CLIENT_SECRET: z.string().optional(),
  WARDEN_OIDC_REDIRECT_URL: url().optional(),
  WARDEN_AUDIT_SIGNING_KEY_FILE: z.string().optional(),
  WARDEN_AUDIT_CHECKPOINT_MINUTES: z.coerce
    .number({ error: 'must be a number of minutes (0 turns them off)' })
    .min(0)
    .max(10_080)
    .default(60),
  WARDEN_AUDIT_CHECKPOINT_DIR: z.string().optional(),
  WARDEN_AUDIT_CHECKPOINT_WEBHOOK_URL: url().optional(),
});

/** Parses configuration from an environment map (defaults to process.env); throws a readable error on bad values. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Record<keyof z.infer<typeof Env>, string>> = {},
) {
  const parsed = Env.safeParse({ ...pickDefined(env), ...pickDefined(overrides) });
  if (!parsed.success) {
    const given = { ...pickDefined(env), ...pickDefined(overrides) };
    const lines = parsed.error.issues.map((i) => {
      const key = i.path.join('.');
      const value = given[key];
      const message = i.message
        .replace(/^Invalid option: expected one of /, 'must be one of ')
        .replace(/"\|"/g, '", "');
      return `  ${key} ${message}${value === undefined ? '' : SECRET_KEY.test(key) ? ' (value not shown)' : `, got ${JSON.stringify(value)}`}`;
    });
    throw new Error(`Invalid Warden configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.WARDEN_DATA_DIR);
  if (e.WARDEN_DIRECTORY === 'okta' && !e.WARDEN_OKTA_ORG_URL)
    throw new Error('Invalid Warden configuration:\n  WARDEN_OKTA_ORG_URL is required when WARDEN_DIRECTORY=okta');
  if (
    e.WARDEN_DIRECTORY === 'okta' &&
    !e.WARDEN_OKTA_TOKEN &&
    !(e.WARDEN_OKTA_CLIENT_ID && e.WARDEN_OKTA_PRIVATE_KEY_FILE)
  ) {
    throw new Error(
      'Invalid Warden configuration:\n  set WARDEN_OKTA_TOKEN, or WARDEN_OKTA_CLIENT_ID and WARDEN_OKTA_PRIVATE_KEY_FILE',
    );
  }
  if (e.WARDEN_OIDC_ISSUER && !e.WARDEN_OIDC_CLIENT_ID)
    throw new Error(
      'Invalid Warden configuration:\n  WARDEN_OIDC_CLIENT_ID is required when WARDEN_OIDC_ISSUER is set',
    );
  if (
    e.WARDEN_OIDC_ISSUER &&
    !/^https:|^http:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?(\/|$)/.test(e.WARDEN_OIDC_ISSUER)
  ) {
    throw new Error(
      `Invalid Warden configuration:\n  WARDEN_OIDC_ISSUER must be an https URL (plain http only on loopback), got ${JSON.stringify(e.WARDEN_OIDC_ISSUER)}`,
    );
  }
  if (e.WARDEN_HR === 'bamboohr' && !(e.WARDEN_BAMBOOHR_URL && e.WARDEN_BAMBOOHR_API_KEY)) {
    throw new Error(
      'Invalid Warden configuration:\n  WARDEN_BAMBOOHR_URL and WARDEN_BAMBOOHR_API_KEY are required when WARDEN_HR=bamboohr',
    );
  }
  return Object.freeze({
    dataDir,
    http: {
      host: e.WARDEN_HOST,
      port: e.WARDEN_PORT,
      publicUrl: e.WARDEN_PUBLIC_URL,
      allowedHosts: e.WARDEN_ALLOWED_HOSTS,
    },
    logLevel: e.WARDEN_LOG_LEVEL,
    readOnly: e.WARDEN_READ_ONLY,
    checkOutputs: e.WARDEN_CHECK_OUTPUTS,
    notifyWebhookUrl: e.WARDEN_NOTIFY_WEBHOOK_URL,
    lifecycle: {
      alertWebhookUrl: e.WARDEN_ALERT_WEBHOOK_URL ?? e.WARDEN_NOTIFY_WEBHOOK_URL,
      oktaHookSecret: e.WARDEN_OKTA_HOOK_SECRET,
      bambooWebhookKey: e.WARDEN_BAMBOOHR_WEBHOOK_KEY,
      // The local directory has no remote log to poll: its events are in its change log in the store.
      logPollIntervalMs: e.WARDEN_DIRECTORY === 'local' ? 0 : e.WARDEN_LIFECYCLE_LOG_POLL_MS,
      hrPollIntervalMs: e.WARDEN_LIFECYCLE_HR_POLL_MS,
      driftScanIntervalMs: e.WARDEN_LIFECYCLE_DRIFT_SCAN_MS,
    },
    executorIntervalMs: e.WARDEN_EXECUTOR_INTERVAL_MS,
    executorRetryDeadlineMs: e.WARDEN_EXECUTOR_RETRY_DEADLINE_SECONDS * 1000,
    audit: {
      signing: {
        keyFile: e.WARDEN_AUDIT_SIGNING_KEY_FILE ? resolve(e.WARDEN_AUDIT_SIGNING_KEY_FILE) : undefined,
        dataDir,
      },
      checkpointDir: resolve(e.WARDEN_AUDIT_CHECKPOINT_DIR ?? resolve(dataDir, 'checkpoints')),
      /** 0 turns the server's checkpoints off. */
      checkpointIntervalMs: Math.round(e.WARDEN_AUDIT_CHECKPOINT_MINUTES * 60_000),
      checkpointWebhookUrl: e.WARDEN_AUDIT_CHECKPOINT_WEBHOOK_URL,
    },
    directory:
      e.WARDEN_DIRECTORY === 'okta'
        ? {
            kind: 'okta' as const,
            orgUrl: e.WARDEN_OKTA_ORG_URL!.replace(/\/+$/, ''),
            token: e.WARDEN_OKTA_TOKEN,
            catalogueTtlMs: Math.round(e.WARDEN_OKTA_CATALOGUE_TTL_SECONDS * 1000),
            oauth:
              e.WARDEN_OKTA_CLIENT_ID && e.WARDEN_OKTA_PRIVATE_KEY_FILE
                ? {
                    clientId: e.WARDEN_OKTA_CLIENT_ID,
                    privateKey: readFileSync(e.WARDEN_OKTA_PRIVATE_KEY_FILE, 'utf8'),
                    keyId: e.WARDEN_OKTA_KEY_ID,
                    scopes: e.WARDEN_OKTA_SCOPES.split(/\s+/),
                  }
                : undefined,
          }
        : {
            kind: 'local' as const,
            seedPath: resolve(e.WARDEN_DEMO_SEED),
            legacyStatePath: resolve(dataDir, 'local-directory.json'),
          },
    hr:
      e.WARDEN_HR === 'bamboohr'
        ? { kind: 'bamboohr' as const, baseUrl: e.WARDEN_BAMBOOHR_URL!, apiKey: e.WARDEN_BAMBOOHR_API_KEY! }
        : { kind: 'file' as const, path: resolve(e.WARDEN_HR_FILE) },
    policyPath: resolve(e.WARDEN_POLICY),
    connectors: {
      path: e.WARDEN_CONNECTORS ? resolve(e.WARDEN_CONNECTORS) : undefined,
      reconcileIntervalMs: e.WARDEN_CONNECTORS_RECONCILE_MS,
      // The in-process demo app ("Jira") exists only on the embedded demo company, and only when no connectors file is named.
      demo: e.WARDEN_DIRECTORY === 'local' && !e.WARDEN_CONNECTORS && e.WARDEN_DEMO_CONNECTORS === true,
      /** Reads the bearer token a connector names by `tokenEnv` (the only way connectors reach the environment). */
      token: (name: string): string | undefined => env[name] || undefined,
    },
    store: e.WARDEN_DATABASE_URL
      ? { kind: 'postgres' as const, url: e.WARDEN_DATABASE_URL }
      : { kind: 'sqlite' as const, path: resolve(dataDir, 'warden.db') },
    stdio: { clientId: e.WARDEN_STDIO_CLIENT, personLogin: e.WARDEN_STDIO_PERSON },
    oauth: e.WARDEN_OAUTH_ISSUER
      ? {
          issuer: e.WARDEN_OAUTH_ISSUER,
          audience: e.WARDEN_OAUTH_AUDIENCE ?? 'warden',
          jwksUrl: e.WARDEN_OAUTH_JWKS_URL ?? `${e.WARDEN_OAUTH_ISSUER.replace(/\/+$/, '')}/v1/keys`,
        }
      : undefined,
    chat: e.OPENAI_API_KEY
      ? { apiKey: e.OPENAI_API_KEY, baseURL: e.OPENAI_BASE_URL, model: e.WARDEN_CHAT_MODEL ?? 'gpt-4.1-mini' }
      : undefined,
    web: {
      sessionSecret: e.WARDEN_SESSION_SECRET,
      oidc: e.WARDEN_OIDC_ISSUER
        ? {
            issuer: e.WARDEN_OIDC_ISSUER,
            clientId: e.WARDEN_OIDC_CLIENT_ID!,
            clientSecret: e.WARDEN_OIDC_CLIENT_SECRET,
            redirectUrl: e.WARDEN_OIDC_REDIRECT_URL,
          }
        : undefined,
    },
    knowledge: {
      sourceDir: resolve(e.WARDEN_KNOWLEDGE_DIR),
      dbDir: resolve(e.WARDEN_KNOWLEDGE_DB ?? resolve(dataDir, 'knowledge')),
      embedder: e.OPENAI_API_KEY
        ? { openai: { apiKey: e.OPENAI_API_KEY, baseURL: e.OPENAI_BASE_URL, model: e.WARDEN_EMBEDDING_MODEL } }
        : ('offline' as const),
    },
  });
}

export type Config = ReturnType<typeof loadConfig>;

function pickDefined(o: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>;
}
