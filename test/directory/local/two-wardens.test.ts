// Two Warden instances (createWarden) on one PostgreSQL schema show the same demo directory: a change applied through one
// shows in the other's tools at once, both ways.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config.js';
import { createWarden, type Warden } from '../../../src/server.js';
import { freshSchemaName, PG_URL, pgRaw } from '../../store/harness.js';
import { agent, memoryLogger, personas } from '../../support/harness.js';

const SUBJECT = 'zara.hayashi@acme.example';

describe('two Wardens on one PostgreSQL schema', () => {
  const schema = freshSchemaName();
  const root = mkdtempSync(join(tmpdir(), 'warden-two-'));
  let a: Warden;
  let b: Warden;

  beforeAll(async () => {
    await pgRaw(undefined, `CREATE SCHEMA ${schema}`);
    const knowledge = join(root, 'knowledge');
    mkdirSync(knowledge);
    writeFileSync(join(knowledge, 'note.md'), '# Note\n\nNothing to see.\n');
    const env = (name: string) => ({
      WARDEN_DATA_DIR: join(root, name),
      WARDEN_KNOWLEDGE_DIR: knowledge,
      WARDEN_DATABASE_URL: `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    });
    a = await createWarden(loadConfig(env('a')), { log: memoryLogger().log });
    b = await createWarden(loadConfig(env('b')), { log: memoryLogger().log });
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await pgRaw(undefined, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    rmSync(root, { recursive: true, force: true });
  });

  const groupsOf = async (w: Warden) => {
    const helpdesk = (await w.directory.getUser(personas.helpdesk as string))!;
    const r = await w.governance.call({
      principal: agent('claude-desktop', { id: helpdesk.id, login: helpdesk.login }),
      tool: 'list_user_access',
      input: { user: SUBJECT },
    });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    return JSON.stringify((r as { output: unknown }).output);
  };

  it('shows a change applied through one in the other', async () => {
    const zara = (await a.directory.getUser(SUBJECT))!;
    const atlas = (await a.directory.getGroup('Proj-Atlas'))!;
    expect(await groupsOf(b)).not.toContain('Proj-Atlas');
    expect((await a.directory.addGroupMember(atlas.id, zara.id)).changed).toBe(true);
    expect(await groupsOf(b)).toContain('Proj-Atlas');
    expect((await b.directory.removeGroupMember(atlas.id, zara.id)).changed).toBe(true);
    expect(await groupsOf(a)).not.toContain('Proj-Atlas');
  });
});
