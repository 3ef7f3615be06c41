// One indexing run: collect, diff against the index by content hash, (re)train if needed, embed, write.
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { InvalidInputError } from '../core/errors.js';
import type { Embedder } from './embedder.js';
import type { IndexProgress, IndexResult, SkippedFile } from './types.js';
import { collectDocuments, type PreparedDocument } from './collect.js';
import { compatible, mismatchError, type EmbedderChoice } from './embedder-choice.js';
import { META_FILE, writeMeta, writeModel, type IndexMeta } from './index-meta.js';
import type { ChunkRow, DocumentRow, LanceStore } from './lance-store.js';
import { countCorpusTerms, TERMS_FILE, writeCorpusTerms } from './lexicon/corpus-terms.js';

/**
 * The trainable (offline) embedder keeps its model while the corpus drifts little: new words are
 * still found by full-text search, and vectors of unchanged files stay valid. Once the chunks
 * added, changed or deleted since training exceed this share of the corpus at training time, the
 * model is refitted and everything is re-embedded. `rebuild` always refits.
 */
export const RETRAIN_DRIFT = 0.2;
const EMBED_BATCH = 128;

export interface RunContext {
  dbDir: string;
  store: LanceStore;
  choice: EmbedderChoice;
  meta: IndexMeta | null;
  /** The loaded trainable embedder, when the index has a model. */
  trained: Embedder | null;
  audienceOf: (path: string, declared?: string) => string;
  /** Overrides RETRAIN_DRIFT. */
  retrainDrift?: number;
  log?: Logger;
}

export interface RunOptions {
  onProgress?: (p: IndexProgress) => void;
  onSkip?: (s: SkippedFile) => void;
  rebuild?: boolean;
}

/** Text that is embedded and full-text indexed for a chunk: title and heading give it context. */
export const passageText = (title: string, heading: string, text: string): string => `${title}\n${heading}\n\n${text}`;

async function assertFolders(folders: string[]): Promise<void> {
  if (folders.length === 0) throw new InvalidInputError('Give at least one folder to index.');
  for (const f of folders) {
    const st = await stat(f).catch(() => null);
    if (!st?.isDirectory()) throw new InvalidInputError(`Not a folder: ${f}`);
  }
}

/** Runs one index pass; returns the result, the new metadata and the embedder now in use. */
export async function runIndex(ctx: RunContext, folders: string[], o: RunOptions = {}): Promise<{ result: IndexResult; meta: IndexMeta; embedder: Embedder }> {
  const t0 = performance.now();
  await assertFolders(folders);
  const { meta, choice, store } = ctx;
  if (meta && !compatible(meta, choice) && !o.rebuild) throw mismatchError(meta, choice);
  const progress = (p: IndexProgress): void => o.onProgress?.(p);
  const { docs, skipped } = await collectDocuments(folders, {
    audienceOf: ctx.audienceOf,
    onSkip: o.onSkip,
    onFile: (files, totalFiles, chunks) => progress({ files, totalFiles, chunks, phase: 'reading' }),
  });
  const totalChunks = docs.reduce((n, d) => n + d.chunks.length, 0);
  const base = { files: docs.length, totalFiles: docs.length + skipped.length, chunks: totalChunks };
  let full = !!o.rebuild || !meta || !store.ready || meta.embedder.dimensions === 0;
  const existing = full ? new Map<string, { hash: string; chunks: number }>() : await store.documentHashes();
  const present = new Set(docs.map((d) => d.doc.path));
  const changed = docs.filter((d) => existing.get(d.doc.path)?.hash !== d.hash);
  const deleted = [...existing.keys()].filter((p) => !present.has(p));
  const drift = changed.reduce((n, d) => n + d.chunks.length, 0) + deleted.reduce((n, p) => n + (existing.get(p)?.chunks ?? 0), 0);
  if (full && docs.length === 0) throw new InvalidInputError(`Found no Markdown, HTML or text files to index in ${folders.join(', ')}.`);

  let embedder: Embedder;
  let model: Uint8Array | null = null;
  let training = meta?.training;
  if (choice.kind === 'remote') embedder = choice.embedder;
  else {
    const drifted = !!training && (training.driftChunks + drift) / Math.max(1, training.chunks) > (ctx.retrainDrift ?? RETRAIN_DRIFT);
    if (full || !ctx.trained || (drifted && docs.length > 0)) {
      if (docs.length === 0) throw new InvalidInputError(`Found no Markdown, HTML or text files to index in ${folders.join(', ')}.`);
      progress({ ...base, phase: 'training' });
      ({ embedder, model } = await choice.factory.train(docs.flatMap((d) => d.chunks.map((c) => passageText(d.doc.title, c.heading, c.text)))));
      full = true;
      training = { chunks: totalChunks, driftChunks: 0, trainedAt: new Date().toISOString() };
      ctx.log?.info({ embedder: embedder.id, chunks: totalChunks, drifted }, 'knowledge: trained offline embedder');
    } else {
      embedder = ctx.trained!; // present: otherwise the branch above trained
      training = training ? { ...training, driftChunks: training.driftChunks + drift } : { chunks: totalChunks, driftChunks: 0, trainedAt: new Date().toISOString() };
    }
  }

  const toEmbed = full ? docs : changed;
  const rows = await embedDocuments(toEmbed, embedder, (embeddedChunks, chunksToEmbed) => progress({ ...base, phase: 'embedding', embeddedChunks, chunksToEmbed }));
  progress({ ...base, phase: 'writing' });
  const dimensions = rows.chunks[0]?.vector.length ?? embedder.dimensions;
  if (full) {
    // Without metadata an interrupted rebuild is redone from scratch next time, never half-trusted.
    await rm(join(ctx.dbDir, META_FILE), { force: true });
    await store.reset(dimensions);
  } else {
    await store.remove([...changed.map((d) => d.doc.path).filter((p) => existing.has(p)), ...deleted]);
  }
  await store.add(rows.chunks, rows.documents);
  if (full || toEmbed.length || deleted.length) await store.reindex(full);
  if (model) await writeModel(ctx.dbDir, model);
  // Query expansion adds only words the corpus uses: their passage counts are kept beside the index.
  if (full || toEmbed.length || deleted.length || !(await stat(join(ctx.dbDir, TERMS_FILE)).catch(() => null))) {
    await writeCorpusTerms(ctx.dbDir, countCorpusTerms(docs.flatMap((d) => d.chunks.map((c) => passageText(d.doc.title, c.heading, c.text)))));
  }
  const next: IndexMeta = {
    version: 1,
    embedder: { kind: choice.kind, name: choice.kind === 'remote' ? choice.name : choice.factory.name, id: embedder.id, dimensions },
    ...(choice.kind === 'trainable' && training ? { training } : {}),
    folders,
    updatedAt: new Date().toISOString(),
  };
  if (full || toEmbed.length || deleted.length || !meta) await writeMeta(ctx.dbDir, next);
  const counts = await store.counts();
  progress({ ...base, phase: 'done', embeddedChunks: rows.chunks.length, chunksToEmbed: rows.chunks.length });
  const result: IndexResult = {
    files: counts.documents, chunks: counts.chunks, embedded: toEmbed.length, embeddedChunks: rows.chunks.length,
    skipped, deleted: deleted.length, retrained: model !== null, ms: Math.round(performance.now() - t0),
  };
  return { result, meta: next, embedder };
}

async function embedDocuments(docs: PreparedDocument[], embedder: Embedder, onBatch: (done: number, total: number) => void): Promise<{ chunks: ChunkRow[]; documents: DocumentRow[] }> {
  const chunks: ChunkRow[] = [];
  const documents: DocumentRow[] = [];
  for (const { doc, audience, hash, chunks: cs } of docs) {
    documents.push({ path: doc.path, title: doc.title, url: doc.url ?? '', audience, text: doc.text, hash, chunks: cs.length });
    for (const c of cs) {
      const search = passageText(doc.title, c.heading, c.text);
      chunks.push({ id: `${doc.path}#${c.ord}`, path: doc.path, ord: c.ord, title: doc.title, heading: c.heading, text: c.text, search_text: search, audience, url: doc.url ?? '', chunk_hash: c.hash, vector: new Float32Array(0) });
    }
  }
  onBatch(0, chunks.length);
  for (let i = 0; i < chunks.length; i += EMBED_BATCH) {
    const batch = chunks.slice(i, i + EMBED_BATCH);
    const vectors = await embedder.embed(batch.map((c) => c.search_text), 'document');
    batch.forEach((c, j) => { c.vector = vectors[j]!; });
    onBatch(Math.min(i + EMBED_BATCH, chunks.length), chunks.length);
  }
  return { chunks, documents };
}
