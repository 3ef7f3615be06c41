// The CLI functions: progress on stderr (TTY redraw or plain lines), skip warnings, and one JSON object from search.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { knowledgeIndexCommand, knowledgeSearchCommand } from '../../src/cli/knowledge-commands.js';
import { createProgress, progressLine } from '../../src/knowledge/progress.js';
import { copyAcme, tempDir } from './support.js';

const tmp = tempDir('cli');
afterAll(() => tmp.cleanup());

function sink(isTTY = false) {
  const chunks: string[] = [];
  return {
    isTTY,
    columns: 120,
    write: (s: string) => {
      chunks.push(s);
      return true;
    },
    text: () => chunks.join(''),
    chunks,
  };
}

describe('knowledgeIndexCommand and knowledgeSearchCommand', () => {
  const folder = copyAcme(tmp.dir);
  writeFileSync(join(folder, 'broken.md'), Buffer.from([0x23, 0x00, 0xff]));
  const db = join(tmp.dir, 'db');

  it('indexes with plain progress lines and a warning per skipped file', async () => {
    const stderr = sink(false);
    const stdout = sink();
    expect(await knowledgeIndexCommand({ folders: [folder], db, embedder: 'offline', stderr, stdout })).toBe(0);
    expect(stderr.text()).toContain('warning: skipped broken.md: binary file');
    expect(stderr.text()).not.toContain('\r');
    expect(stderr.text()).toMatch(/\] 11\/12 files · \d+ chunks · (writing index|done)/);
    expect(stdout.text()).toMatch(/^Indexed 11 documents \(\d+ chunks\) in [\d.]+ s: 11 re-indexed/);
  });

  it('redraws one line with \\r on a TTY and clears it at the end', async () => {
    const stderr = sink(true);
    expect(
      await knowledgeIndexCommand({
        folders: [folder],
        db,
        embedder: 'offline',
        stderr,
        stdout: sink(),
        rebuild: true,
      }),
    ).toBe(0);
    expect(stderr.text()).toContain('\r\x1b[K[');
    expect(stderr.text().endsWith('\r\x1b[K')).toBe(true);
  });

  it('prints exactly one JSON object with --json', async () => {
    const stdout = sink();
    expect(await knowledgeSearchCommand({ query: 'reset my password', limit: 3, json: true, db, stdout })).toBe(0);
    const parsed = JSON.parse(stdout.text());
    expect(Object.keys(parsed)).toEqual(['results']);
    expect(parsed.results).toHaveLength(3);
    for (const r of parsed.results)
      expect(Object.keys(r).sort()).toEqual(['heading', 'path', 'score', 'snippet', 'title', 'url']);
    expect(parsed.results[0].path).toBe('password-reset.md');
  });

  it('prints a readable ranked list in text mode', async () => {
    const stdout = sink();
    await knowledgeSearchCommand({ query: 'reset my password', limit: 2, db, stdout });
    expect(stdout.text()).toMatch(
      /^1\. Password Reset and Account Lockout › .+\(\d\.\d{3}\)\n   password-reset\.md  https:\/\/intranet/,
    );
    expect(stdout.text()).toMatch(/\n2\. /);
  });

  it('fails with a clear message for a missing folder or a mismatched embedder', async () => {
    const stderr = sink();
    expect(
      await knowledgeIndexCommand({
        folders: [join(tmp.dir, 'nope')],
        db,
        embedder: 'offline',
        stderr,
        stdout: sink(),
      }),
    ).toBe(1);
    expect(stderr.text()).toMatch(/^error: Not a folder: /);
    // An embedding endpoint cannot search a full-text-only index (checked before any request is made).
    const openai = { openai: { apiKey: 'sk-test', baseURL: 'http://127.0.0.1:9/v1', model: 'text-embedding-3-small' } };
    const err2 = sink();
    expect(await knowledgeSearchCommand({ query: 'x', db, stdout: sink(), stderr: err2, embedder: openai })).toBe(1);
    expect(err2.text()).toMatch(/error: The knowledge index was built with embedder[\s\S]*hint: Re-index/);
  });

  it('says when the index is empty', async () => {
    const empty = join(tmp.dir, 'empty-db');
    mkdirSync(empty);
    const stdout = sink();
    await knowledgeSearchCommand({ query: 'laptop', db: empty, stdout });
    expect(stdout.text()).toMatch(/index is empty/);
  });
});

describe('progress', () => {
  it('draws a bar of files and chunks, and embedding progress', () => {
    expect(progressLine({ files: 5, totalFiles: 10, chunks: 42, phase: 'reading' }, 10)).toBe(
      '[#####.....] 5/10 files · 42 chunks · reading',
    );
    expect(
      progressLine(
        { files: 10, totalFiles: 10, chunks: 80, phase: 'embedding', embeddedChunks: 20, chunksToEmbed: 80 },
        8,
      ),
    ).toBe('[##......] 10/10 files · 80 chunks · embedding 20/80');
  });

  it('prints plain lines at most once per interval, plus phase changes', () => {
    let t = 0;
    const out = sink(false);
    const p = createProgress(out, { intervalMs: 1000, now: () => t });
    for (let i = 1; i <= 100; i++) {
      t += 50;
      p.update({ files: i, totalFiles: 100, chunks: i * 3, phase: 'reading' });
    }
    p.update({ files: 100, totalFiles: 100, chunks: 300, phase: 'done' });
    p.end();
    const lines = out.text().trim().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.length).toBeLessThan(10);
    expect(lines.at(-1)).toContain('done');
  });
});
