// One indexing run: collect, diff against the index by content hash, embed (with an endpoint), write.
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { InvalidInputError } from '../core/errors.js';
import type { Embedder } from './embedder.js';
import type { IndexProgress, IndexResult, SkippedFile } from './types.js';
import { collectDocuments, type PreparedDocument } from './collect.js';
import { FULL_TEXT_ID, mismatchError, updatable, type EmbedderChoice } from './embedder-choice.js';
import { META_FILE, writeMeta, type IndexMeta } from './index-meta.js';
import type { ChunkRow, DocumentRow, LanceStore } from './lance-store.js';
import { joinPhrases } from './phrases.js';

const EMBED_BATCH = 128;

export interface RunContext {
  dbDir: string;
  store: LanceStore;
  choice: EmbedderChoice;
  meta: IndexMeta | null;
  audienceOf: (path: string, declared?: string) => string;
  log?: Logger;
}

export interface RunOptions {
  onProgress?: (p: IndexProgress) => void;
  onSkip?: (s: SkippedFile) => void;
  rebuild?: boolean;
}

/** Text that is embedded for a chunk: title and heading give it context. */
export const passageText = (title: string, heading: string, text: string): string => `${title}\n${heading}\n\n${text}`;
/** What the full-text index sees: the passage with multi-word terms joined ("sign in" -> login). */
export const searchText = (passage: string): string => joinPhrases(passage);

async function assertFolders(folders: string[]): Promise<void> {
  if (folders.length === 0) throw new InvalidInputError('Give at least one folder to index.');
  for (const f of folders) {
    const st = await stat(f).catch(() => null);
    if (!st?.isDirectory()) throw new InvalidInputError(`Not a folder: ${f}`);
  }
}

/** Runs one index pass; returns the result and the new metadata. */
export async function runIndex(
  ctx: RunContext,
  folders: string[],
  o: RunOptions = {},
): Promise<{ result: IndexResult; meta: IndexMeta }> {
  const t0 = performance.now();
  await assertFolders(folders);
  const { meta, choice, store } = ctx;
  const fit = meta ? updatable(meta, choice) : 'rebuild';
  if (meta && fit === 'conflict' && !o.rebuild) throw mismatchError(meta, choice);
  const progress = (p: IndexProgress): void => o.onProgress?.(p);
  const { docs, skipped } = await collectDocuments(folders, {
    audienceOf: ctx.audienceOf,
    onSkip: o.onSkip,
    onFile: (files, totalFiles, chunks) => progress({ files, totalFiles, chunks, phase: 'reading' }),
  });
  const totalChunks = docs.reduce((n, d) => n + d.chunks.length, 0);
  const base = { files: docs.length, totalFiles: docs.length + skipped.length, chunks: totalChunks };
  const full = !!o.rebuild || !meta || !store.ready || fit !== 'incremental';
  const existing = full ? new Map<string, { hash: string; chunks: number }>() : await store.documentHashes();
  const present = new Set(docs.map((d) => d.doc.path));
  const changed = docs.filter((d) => existing.get(d.doc.path)?.hash !== d.hash);
  const deleted = [...existing.keys()].filter((p) => !present.has(p));
  if (full && docs.length === 0)
    throw new InvalidInputError(`Found no Markdown, HTML or text files to index in ${folders.join(', ')}.`);
  const embedder: Embedder | null = choice.kind === 'remote' ? choice.embedder : null;

  const toEmbed = full ? docs : changed;
  const rows = await embedDocuments(toEmbed, embedder, (embeddedChunks, chunksToEmbed) =>
    progress({ ...base, phase: 'embedding', embeddedChunks, chunksToEmbed }),
  );
  progress({ ...base, phase: 'writing' });
  const dimensions = embedder ? (rows.chunks[0]?.vector?.length ?? embedder.dimensions) : 0;
  if (full) {
    // Without metadata an interrupted rebuild is redone from scratch next time, never half-trusted.
    await rm(join(ctx.dbDir, META_FILE), { force: true });
    await store.reset(dimensions);
  } else {
    await store.remove([...changed.map((d) => d.doc.path).filter((p) => existing.has(p)), ...deleted]);
  }
  await store.add(rows.chunks, rows.documents);
  if (full || toEmbed.length || deleted.length) await store.reindex(full);
  const next: IndexMeta = {
    version: 1,
    embedder:
      choice.kind === 'remote'
        ? { kind: 'remote', name: choice.name, id: choice.embedder.id, dimensions }
        : { kind: 'none', name: 'none', id: FULL_TEXT_ID, dimensions: 0 },
    folders,
    updatedAt: new Date().toISOString(),
  };
  if (full || toEmbed.length || deleted.length || !meta) await writeMeta(ctx.dbDir, next);
  const counts = await store.counts();
  progress({ ...base, phase: 'done', embeddedChunks: rows.chunks.length, chunksToEmbed: rows.chunks.length });
  const result: IndexResult = {
    files: counts.documents,
    chunks: counts.chunks,
    embedded: toEmbed.length,
    embeddedChunks: rows.chunks.length,
    skipped,
    deleted: deleted.length,
    ms: Math.round(performance.now() - t0),
  };
  return { result, meta: next };
}

/** Chunk and document rows; the chunks get vectors only when there is an embedder. */
async function embedDocuments(
  docs: PreparedDocument[],
  embedder: Embedder | null,
  onBatch: (done: number, total: number) => void,
): Promise<{ chunks: ChunkRow[]; documents: DocumentRow[] }> {
  const chunks: ChunkRow[] = [];
  const documents: DocumentRow[] = [];
  for (const { doc, audience, hash, chunks: cs } of docs) {
    documents.push({
      path: doc.path,
      title: doc.title,
      url: doc.url ?? '',
      audience,
      text: doc.text,
      hash,
      chunks: cs.length,
    });
    for (const c of cs) {
      const passage = passageText(doc.title, c.heading, c.text);
      chunks.push({
        id: `${doc.path}#${c.ord}`,
        path: doc.path,
        ord: c.ord,
        title: doc.title,
        heading: c.heading,
        text: c.text,
        search_text: searchText(passage),
        audience,
        url: doc.url ?? '',
        chunk_hash: c.hash,
      });
    }
  }
  if (!embedder) return { chunks, documents };
  onBatch(0, chunks.length);
  for (let i = 0; i < chunks.length; i += EMBED_BATCH) {
    const batch = chunks.slice(i, i + EMBED_BATCH);
    const vectors = await embedder.embed(
      batch.map((c) => passageText(c.title, c.heading, c.text)),
      'document',
    );
    batch.forEach((c, j) => {
      c.vector = vectors[j]!;
    });
    onBatch(Math.min(i + EMBED_BATCH, chunks.length), chunks.length);
  }
  return { chunks, documents };
}
