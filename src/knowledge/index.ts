// The knowledge base: opens the LanceDB index in `dbDir`, indexes folders, and searches (the KnowledgePort).
import { mkdir } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { KnowledgeDocument, KnowledgeHit, KnowledgePort } from '../core/knowledge.js';
import type { Embedder } from './embedder.js';
import type { IndexProgress, IndexResult, SearchMode, SkippedFile } from './types.js';
import { audienceResolver, type AudienceRule } from './audience.js';
import { mismatchError, searchable, type EmbedderChoice } from './embedder-choice.js';
import { metaStamp, readMeta, type IndexMeta } from './index-meta.js';
import { openLanceStore, inList, sql } from './lance-store.js';
import { runIndex } from './indexer.js';
import { searchPassages } from './search.js';
import { openAIEmbedder } from './embedders/openai.js';

export type { Embedder } from './embedder.js';
export type { IndexProgress, IndexResult, SearchMode, SkippedFile } from './types.js';
export type { AudienceRule } from './audience.js';

export interface KnowledgeBaseOptions {
  dbDir: string;
  /**
   * 'offline': no embedding endpoint, full-text search (BM25, stemming, multi-word terms). With an
   * OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, TEI) passages also get vectors and search is hybrid.
   */
  embedder: 'offline' | { openai: { apiKey: string; baseURL?: string; model: string; dimensions?: number } };
  audienceRules?: AudienceRule[];
  log?: Logger;
}

export interface KnowledgeStats {
  documents: number;
  chunks: number;
  embedder: string | null;
  dimensions: number;
  folders: string[];
  updatedAt: string | null;
}

export interface KnowledgeBase extends KnowledgePort {
  indexFolders(
    folders: string[],
    opts?: { onProgress?: (p: IndexProgress) => void; onSkip?: (s: SkippedFile) => void; rebuild?: boolean },
  ): Promise<IndexResult>;
  search(query: string, opts: { limit?: number; audiences: string[]; mode?: SearchMode }): Promise<KnowledgeHit[]>;
  stats(): Promise<KnowledgeStats>;
  close(): Promise<void>;
}

/** Opens (creating if needed) the knowledge base in `dbDir`. Nothing is indexed or embedded until used. */
export async function openKnowledgeBase(opts: KnowledgeBaseOptions): Promise<KnowledgeBase> {
  await mkdir(opts.dbDir, { recursive: true });
  const store = await openLanceStore(opts.dbDir);
  const choice: EmbedderChoice =
    opts.embedder === 'offline'
      ? { kind: 'none' }
      : { kind: 'remote', name: 'openai', embedder: openAIEmbedder(opts.embedder.openai) };
  const audienceOf = audienceResolver(opts.audienceRules);
  let meta: IndexMeta | null = null;
  let stamp = -1;
  let running: Promise<unknown> = Promise.resolve();

  /** Follows re-indexing by this or another process (the CLI while `serve` runs). */
  const sync = async (): Promise<void> => {
    const now = await metaStamp(opts.dbDir);
    if (now === stamp) return;
    meta = await readMeta(opts.dbDir);
    await store.refresh();
    stamp = now;
  };
  const queryEmbedder = async (): Promise<Embedder | null> => {
    await sync();
    if (!meta) return null;
    if (!searchable(meta, choice)) throw mismatchError(meta, choice);
    return choice.kind === 'remote' ? choice.embedder : null;
  };

  return {
    async indexFolders(folders, o = {}) {
      // Runs are serialised: two concurrent runs would diff against the same old state.
      const run = running.then(async () => {
        await sync();
        const out = await runIndex({ dbDir: opts.dbDir, store, choice, meta, audienceOf, log: opts.log }, folders, o);
        stamp = -1;
        await sync();
        opts.log?.info({ ...out.result, skipped: out.result.skipped.length }, 'knowledge: indexed');
        return out.result;
      });
      running = run.catch(() => undefined);
      return run;
    },
    async search(query, o) {
      const embedder = await queryEmbedder();
      if (!meta) return [];
      return searchPassages(store, embedder, query, o);
    },
    async getDocument(path, o) {
      await queryEmbedder();
      const audiences = [...new Set(o.audiences.map((a) => a.toLowerCase()))];
      if (!meta || audiences.length === 0) return null;
      const row = await store.document(
        `path = ${sql(path.replace(/^\.?\//, ''))} AND ${inList('audience', audiences)}`,
      );
      if (!row) return null;
      const doc: KnowledgeDocument = { path: row.path, title: row.title, audience: row.audience, text: row.text };
      if (row.url) doc.url = row.url;
      return doc;
    },
    async stats() {
      await sync();
      const counts = await store.counts();
      const m = meta as IndexMeta | null;
      return {
        ...counts,
        embedder: m?.embedder.id ?? null,
        dimensions: m?.embedder.dimensions ?? 0,
        folders: m?.folders ?? [],
        updatedAt: m?.updatedAt ?? null,
      };
    },
    async close() {
      await running;
      store.close();
    },
  };
}
