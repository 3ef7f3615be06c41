// The CLI's mistakes get clear errors and non-zero exits: unknown clients, keys and apps, missing flags, bad YAML, bad CSV, bad config.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError, type Io } from '../../src/cli/args.js';
import { keysCommand, policyClients } from '../../src/cli/keys.js';
import { policyCommand } from '../../src/cli/policy.js';
import { loadConfig } from '../../src/config.js';
import type { Store } from '../../src/core/store.js';
import { createLocalDirectory } from '../../src/directory/local/local-directory.js';
import { createFileHr } from '../../src/hr/index.js';
import { parseHrExport } from '../../src/hr/file/parse-hr-export.js';
import { licencesCommand } from '../../src/cli/licences.js';
import { loadPolicy } from '../../src/policies/loader.js';
import { createStore } from '../../src/store/index.js';
import { ACME } from '../support/harness.js';

const ROOT = resolve(import.meta.dirname, '../..');

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const w = (to: string[]) =>
    ({
      write: (s: string) => {
        to.push(String(s));
        return true;
      },
    }) as unknown as NodeJS.WritableStream;
  return { io: { stdout: w(out), stderr: w(err) } as Io, out: () => out.join(''), err: () => err.join('') };
}

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

describe('warden keys', () => {
  const known = () => policyClients(`${ACME}/policy.yaml`);

  it('refuses a key for a client the policy does not know, naming the known ones, unless --force', async () => {
    store = await createStore({ kind: 'sqlite', path: ':memory:' });
    const t = io();
    expect(await keysCommand(['create', 'my-agent'], store, t.io, { knownClients: known })).toBe(1);
    expect(t.err()).toMatch(/The policy has no client "my-agent": a key for it could call nothing/);
    expect(t.err()).toMatch(
      /Known clients: claude-desktop, helpdesk-assistant, reporting-bot, security-console, warden-web, warden-cli, warden-lifecycle\./,
    );
    expect(t.err()).toContain('--force');
    expect(await store.listApiKeys()).toHaveLength(0);

    const typo = io();
    expect(await keysCommand(['create', 'claude-destop'], store, typo.io, { knownClients: known })).toBe(1);
    expect(typo.err()).toContain('Did you mean claude-desktop?');

    const forced = io();
    expect(await keysCommand(['create', 'my-agent', '--force'], store, forced.io, { knownClients: known })).toBe(0);
    expect(forced.out()).toMatch(/Created key key_[\w-]+ for client my-agent/);
    const ok = io();
    expect(await keysCommand(['create', 'claude-desktop'], store, ok.io, { knownClients: known })).toBe(0);
    expect(await store.listApiKeys()).toHaveLength(2);
  });

  it('refuses a person token for an agent client, and says why when the policy is invalid', async () => {
    store = await createStore({ kind: 'sqlite', path: ':memory:' });
    const t = io();
    expect(
      await keysCommand(['create', 'claude-desktop', '--person', 'dana.lee@acme.example'], store, t.io, {
        knownClients: known,
      }),
    ).toBe(1);
    expect(t.err()).toMatch(
      /"claude-desktop" is an agent client; --person makes a person token, which only person-app clients use \(security-console, warden-web, warden-cli\)\. .*pass --force/,
    );
    const dir = mkdtempSync(join(tmpdir(), 'warden-keys-'));
    writeFileSync(join(dir, 'policy.yaml'), 'version: 2\n');
    const bad = io();
    expect(
      await keysCommand(['create', 'claude-desktop'], store, bad.io, {
        knownClients: () => policyClients(join(dir, 'policy.yaml')),
      }),
    ).toBe(1);
    expect(bad.err()).toMatch(/policy, which is invalid:\n.*policy\.yaml:1:\d+: version: version must be 1/);
  });

  it('exits non-zero for a key that does not exist', async () => {
    store = await createStore({ kind: 'sqlite', path: ':memory:' });
    const t = io();
    expect(await keysCommand(['revoke', 'key_nope'], store, t.io)).toBe(1);
    expect(t.err()).toMatch(/No active key key_nope: it does not exist or is already revoked/);
  });

  it(
    'as a real process: keys create for an unknown client and keys revoke of an unknown key exit 1',
    { timeout: 180_000 },
    () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'warden-keys-'));
      const run = (...args: string[]) =>
        spawnSync(process.execPath, [join(ROOT, 'bin/warden.mjs'), 'keys', ...args], {
          cwd: ROOT,
          encoding: 'utf8',
          env: { PATH: process.env.PATH ?? '', WARDEN_DATA_DIR: dataDir },
        });
      const create = run('create', 'my-agent');
      expect(create.status).toBe(1);
      expect(create.stderr).toMatch(/no client "my-agent"[\s\S]*Known clients: claude-desktop/);
      const revoke = run('revoke', 'key_nope');
      expect(revoke.status).toBe(1);
      expect(revoke.stderr).toMatch(/No active key key_nope/);
    },
  );
});

describe('warden licences --app', () => {
  it('exits non-zero for an unknown app, naming it and suggesting known ones', async () => {
    const deps = {
      directory: createLocalDirectory({ seedPath: `${ACME}/directory.json` }),
      hr: createFileHr({ path: `${ACME}/hr.csv` }),
    };
    const t = io();
    expect(await licencesCommand(['--app', 'nosuchapp'], deps, t.io)).toBe(1);
    expect(t.err()).toMatch(/^No app "nosuchapp" in the directory\.\nKnown apps: .*salesforce/);
    const typo = io();
    expect(await licencesCommand(['--app', 'salesfroce'], deps, typo.io)).toBe(1);
    expect(typo.err()).toContain('Did you mean salesforce?');
    const ok = io();
    expect(await licencesCommand(['--app', 'salesforce'], deps, ok.io)).toBe(0);
    expect(ok.out()).toMatch(/Salesforce\s+\d+ seats/);
  });
});

describe('warden policy explain', () => {
  it('is a usage error without --input', async () => {
    const config = loadConfig({ WARDEN_DATA_DIR: mkdtempSync(join(tmpdir(), 'warden-explain-')) });
    const never = () => {
      throw new Error('must not read the directory');
    };
    await expect(
      policyCommand(
        ['explain', '--client', 'helpdesk-assistant', '--tool', 'request_group_add'],
        config,
        never,
        io().io,
      ),
    ).rejects.toThrow(UsageError);
    await expect(
      policyCommand(
        ['explain', '--client', 'helpdesk-assistant', '--tool', 'request_group_add'],
        config,
        never,
        io().io,
      ),
    ).rejects.toThrow(/--client, --tool and --input are required\n\nusage: warden policy check/);
  });
});

describe('policy YAML syntax errors', () => {
  it('reports only the first real error, where the problem is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-yaml-'));
    const path = join(dir, 'policy.yaml');
    // One line indented by three spaces instead of four: the parser reports a cascade after it.
    writeFileSync(
      path,
      readFileSync(`${ACME}/policy.yaml`, 'utf8').replace(
        '    kind: agent\n    description: Desktop agents',
        '    kind: agent\n   description: Desktop agents',
      ),
    );
    const r = loadPolicy(path);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({
      file: path,
      line: 18,
      column: 4,
      message: expect.stringMatching(/^YAML syntax error: All mapping items must start at the same column/),
    });
  });
});

describe('HR CSV errors', () => {
  it('names the line where an unclosed quote starts, not the line whose quote closed it', () => {
    const lines = readFileSync(`${ACME}/hr.csv`, 'utf8').split('\n');
    lines[4] = lines[4]!.replace(/,([^,]+),/, ',"$1,'); // line 5: a quote opens and never closes on that line
    expect(() => parseHrExport(lines.join('\n'), 'hr.csv')).toThrow(
      /^HR export hr\.csv \(line 5\): is not valid CSV: unclosed quote: the quoted field opened on line 5 runs on to line 81$/,
    );
  });
});

describe('configuration errors', () => {
  it.each([
    [{ WARDEN_PORT: 'abc' }, 'WARDEN_PORT must be a port number (1-65535), got "abc"'],
    [{ WARDEN_PORT: '70000' }, 'WARDEN_PORT must be a port number (1-65535), got "70000"'],
    [
      { WARDEN_LOG_LEVEL: 'loud' },
      'WARDEN_LOG_LEVEL must be one of "trace", "debug", "info", "warn", "error", "fatal", "silent", got "loud"',
    ],
    [{ WARDEN_READ_ONLY: 'maybe' }, 'WARDEN_READ_ONLY must be true or false (1/0, yes/no), got "maybe"'],
    [
      { WARDEN_PUBLIC_URL: 'warden.acme' },
      'WARDEN_PUBLIC_URL must be a URL like https://example.com, got "warden.acme"',
    ],
    [
      { WARDEN_EXECUTOR_INTERVAL_MS: '1.5' },
      'WARDEN_EXECUTOR_INTERVAL_MS must be a whole number of milliseconds, at least 100, got "1.5"',
    ],
    [
      { WARDEN_OIDC_ISSUER: 'http://login.acme.example', WARDEN_OIDC_CLIENT_ID: 'warden' },
      'WARDEN_OIDC_ISSUER must be an https URL (plain http only on loopback), got "http://login.acme.example"',
    ],
    // Secrets are never echoed.
    [{ WARDEN_SESSION_SECRET: 'hunter2' }, 'WARDEN_SESSION_SECRET must be at least 32 characters (value not shown)'],
  ])('%o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(`Invalid Warden configuration:\n  ${message}`);
  });

  it('accepts https and loopback OIDC issuers', () => {
    for (const issuer of ['https://acme.okta.com', 'http://127.0.0.1:4000', 'http://localhost:4000/']) {
      expect(loadConfig({ WARDEN_OIDC_ISSUER: issuer, WARDEN_OIDC_CLIENT_ID: 'warden' }).web.oidc?.issuer).toBe(issuer);
    }
  });
});
