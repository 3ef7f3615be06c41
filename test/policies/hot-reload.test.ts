// The engine reloads an edited policy atomically; a broken edit keeps the last good policy and says why.
import { copyFileSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createPolicyEngine,
  PolicyLoadError,
  type PolicyEngine,
  type PolicyReload,
} from '../../src/policies/engine.js';

const principal = { kind: 'agent' as const, clientId: 'reporting-bot', auth: 'api_key' as const };
const searchUsers = { name: 'search_users', toolset: 'identity', mutating: false };

/** Resolves when `pred` holds, polling every 20 ms, or rejects after `ms`. */
async function until(pred: () => boolean, ms = 3000): Promise<void> {
  const start = Date.now();
  while (!pred()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('policy hot reload', () => {
  let engine: PolicyEngine | undefined;
  afterEach(() => engine?.close());

  const setup = (withWatch = true) => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-reload-'));
    const path = join(dir, 'policy.yaml');
    copyFileSync('examples/acme/policy.yaml', path);
    const reloads: PolicyReload[] = [];
    const warnings: unknown[] = [];
    const log = { warn: (o: unknown) => warnings.push(o), info: () => undefined } as never;
    engine = createPolicyEngine({ path, watch: withWatch, debounceMs: 50, log, onReload: (r) => reloads.push(r) });
    return { dir, path, reloads, warnings, engine };
  };

  it('picks up an edit in place within a couple of seconds', async () => {
    const { path, reloads, engine } = setup();
    const before = engine.hash;
    expect(engine.canCallTool(principal, searchUsers).effect).toBe('allow');
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace(
        'deny: [recent_access_changes]',
        'deny: [recent_access_changes, search_users]',
      ),
    );
    await until(() => engine.hash !== before);
    expect(reloads.at(-1)).toMatchObject({ ok: true, previousHash: before, hash: engine.hash });
    expect(engine.canCallTool(principal, searchUsers)).toMatchObject({
      effect: 'deny',
      rule: 'clients.reporting-bot.tools.deny',
      policyHash: engine.hash,
    });
  });

  it('picks up a file replaced by rename (how editors save)', async () => {
    const { dir, path, engine } = setup();
    const before = engine.hash;
    const tmp = join(dir, '.policy.yaml.swp');
    writeFileSync(tmp, readFileSync(path, 'utf8').replace('requestsPerHour: 20', 'requestsPerHour: 5'));
    renameSync(tmp, path);
    await until(() => engine.hash !== before);
    expect(engine.scopeFor({ ...principal, clientId: 'claude-desktop' })?.requestsPerHour).toBe(5);
    // A second replace still reloads: the watcher survived the first one.
    const second = engine.hash;
    writeFileSync(tmp, readFileSync(path, 'utf8').replace('requestsPerHour: 5', 'requestsPerHour: 7'));
    renameSync(tmp, path);
    await until(() => engine.hash !== second);
    expect(engine.scopeFor({ ...principal, clientId: 'claude-desktop' })?.requestsPerHour).toBe(7);
  });

  it('keeps the last good policy when an edit is broken, and reports why', async () => {
    const { path, reloads, warnings, engine } = setup();
    const before = engine.hash;
    writeFileSync(path, readFileSync(path, 'utf8').replace('    effect: deny\n', '    effect: nope\n'));
    await until(() => reloads.length > 0);
    const r = reloads.at(-1)!;
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(
      /policy\.yaml:\d+:\d+: rules\[0\]\.effect: must be one of "deny", "allow", "approval" \(got "nope"\)/,
    );
    expect(warnings).toHaveLength(1);
    expect(engine.hash).toBe(before);
    expect(engine.canCallTool(principal, searchUsers).effect).toBe('allow');
  });

  it('refuses to start on an invalid policy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-reload-'));
    const path = join(dir, 'policy.yaml');
    writeFileSync(path, 'version: 2\n');
    expect(() => createPolicyEngine({ path })).toThrow(PolicyLoadError);
  });

  it('reports what a reload changed; relabelling an agent as a person app is logged at warn level as an escalation', () => {
    const { path, reloads, warnings, engine } = setup(false);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/(reporting-bot:\n\s+)kind: agent/, '$1kind: person-app'));
    const r = engine.reload();
    expect(r.ok).toBe(true);
    expect(reloads.at(-1)).toBe(r);
    expect(r.diff?.escalations).toEqual([
      expect.objectContaining({ subject: 'clients.reporting-bot', code: 'client.kind', escalation: true }),
    ]);
    expect(warnings).toEqual([
      expect.objectContaining({
        escalations: [expect.stringMatching(/clients\.reporting-bot: kind agent → person-app: PRIVILEGE ESCALATION/)],
      }),
    ]);
    // An edit that only narrows is reported but not at warn level.
    writeFileSync(path, readFileSync(path, 'utf8').replace('requestsPerHour: 20', 'requestsPerHour: 5'));
    expect(engine.reload().diff?.changes.map((c) => `${c.subject} ${c.direction}`)).toEqual([
      'clients.claude-desktop narrower',
      'clients.helpdesk-assistant narrower',
    ]);
    expect(warnings).toHaveLength(1);
  });

  it('reload() without a change reports ok and keeps the hash', () => {
    const { engine, reloads } = setup(false);
    expect(engine.reload()).toEqual({ ok: true, hash: engine.hash });
    expect(reloads).toHaveLength(0);
  });
});
