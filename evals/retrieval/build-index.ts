// Builds (or reuses) the eval's knowledge index in a cache folder keyed on corpus, code and embedder.

import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openKnowledgeBase, type KnowledgeBase, type KnowledgeBaseOptions } from '../../src/knowledge/index.js';

const knowledgeSrc = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/knowledge');

async function hashTree(h: ReturnType<typeof createHash>, dir: string, rel = ''): Promise<void> {
  const entries = (await readdir(join(dir, rel), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) await hashTree(h, dir, p);
    else if (e.isFile())
      h.update(p)
        .update('\0')
        .update(await readFile(join(dir, p)))
        .update('\0');
  }
}

/** A key that changes when the corpus, the knowledge code (chunking, search text) or the embedder choice changes. */
export async function indexKey(folders: string[], embedderKey: string): Promise<string> {
  const h = createHash('sha256').update(embedderKey);
  for (const f of folders) await hashTree(h.update(`#${f}`), f);
  await hashTree(h.update('#src'), knowledgeSrc);
  return h.digest('hex').slice(0, 16);
}

export interface BuiltIndex {
  kb: KnowledgeBase;
  dbDir: string;
  reused: boolean;
  indexMs: number;
}

/** Opens a knowledge base over `folders`, indexing them unless a complete index with the same key exists. */
export async function buildIndex(
  name: string,
  folders: string[],
  embedder: KnowledgeBaseOptions['embedder'],
  cacheRoot: string = join(tmpdir(), 'warden-retrieval-eval'),
): Promise<BuiltIndex> {
  const embedderKey =
    embedder === 'offline' ? 'full-text' : `openai:${embedder.openai.model}:${embedder.openai.baseURL ?? ''}`;
  const dbDir = join(
    cacheRoot,
    `${name}-${embedder === 'offline' ? 'offline' : 'openai'}-${await indexKey(folders, embedderKey)}`,
  );
  const done = join(dbDir, '.eval-complete');
  const reused = !!(await stat(done).catch(() => null));
  if (!reused) await rm(dbDir, { recursive: true, force: true });
  const kb = await openKnowledgeBase({ dbDir, embedder });
  const t0 = performance.now();
  if (!reused) {
    await kb.indexFolders(folders);
    await writeFile(done, new Date().toISOString());
  }
  return { kb, dbDir, reused, indexMs: performance.now() - t0 };
}
