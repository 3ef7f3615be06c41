// The knowledge base: opens the LanceDB index in `dbDir`, indexes folders, and searches (the KnowledgePort).
import { mkdir } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { KnowledgeDocument, KnowledgeHit, KnowledgePort } from '../core/knowledge.js';
import type { Embedder, TrainableEmbedderFactory } from './embedder.js';
import type { IndexProgress, IndexResult, SearchMode, SkippedFile } from './types.js';
import { audienceResolver, type AudienceRule } from './audience.js';
import { compatible, mismatchError, type EmbedderChoice } from './embedder-choice.js';
import { metaStamp, readMeta, readModel, type IndexMeta } from './index-meta.js';
import { openLanceStore, inList, sql } from './lance-store.js';
import { runIndex } from './indexer.js';
import { searchPassages, type Expansion } from './search.js';
import { readCorpusTerms } from './lexicon/corpus-terms.js';
import { QueryExpander } from './lexicon/query-expansion.js';
import { WordNet } from './lexicon/wordnet.js';
import { offlineEmbedderFactory } from './embedders/offline/index.js';
import { openAIEmbedder } from './embedders/openai.js';

export type { Embedder, TrainableEmbedderFactory } from './embedder.js';
export type { IndexProgress, IndexResult, SearchMode, SkippedFile } from './types.js';
export type { AudienceRule } from './audience.js';

export interface KnowledgeBaseOptions {
  dbDir: string;
  embedder: 'offline' | { openai: { apiKey: string; baseURL?: string; model: string; dimensions?: number } };
  audienceRules?: AudienceRule[];
  log?: Logger;
  /** The trainable embedder behind 'offline' (default: the feature-hashing stand-in). */
  offlineFactory?: TrainableEmbedderFactory;
  /** Share of changed chunks after which the offline model is refitted (default RETRAIN_DRIFT). */
  retrainDrift?: number;
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
  indexFolders(folders: string[], opts?: { onProgress?: (p: IndexProgress) => void; onSkip?: (s: SkippedFile) => void; rebuild?: boolean }): Promise<IndexResult>;
  search(query: string, opts: { limit?: number; audiences: string[]; mode?: SearchMode }): Promise<KnowledgeHit[]>;
  stats(): Promise<KnowledgeStats>;
  close(): Promise<void>;
}

/** Opens (creating if needed) the knowledge base in `dbDir`. Nothing is trained or embedded until used. */
export async function openKnowledgeBase(opts: KnowledgeBaseOptions): Promise<KnowledgeBase> {
  await mkdir(opts.dbDir, { recursive: true });
  const store = await openLanceStore(opts.dbDir);
  const choice: EmbedderChoice = opts.embedder === 'offline'
    ? { kind: 'trainable', factory: opts.offlineFactory ?? offlineEmbedderFactory }
    : { kind: 'remote', name: 'openai', embedder: openAIEmbedder(opts.embedder.openai) };
  const audienceOf = audienceResolver(opts.audienceRules);
  let meta: IndexMeta | null = null;
  let trained: Embedder | null = null;
  let stamp = -1;
  let running: Promise<unknown> = Promise.resolve();
  let expansion: Expansion | undefined;
  let wordnet: WordNet | undefined;

  /** Follows re-indexing by this or another process (the CLI while `serve` runs). */
  const sync = async (): Promise<void> => {
    const now = await metaStamp(opts.dbDir);
    if (now === stamp) return;
    meta = await readMeta(opts.dbDir);
    trained = null;
    if (meta && choice.kind === 'trainable' && compatible(meta, choice)) {
      trained = choice.factory.load(await readModel(opts.dbDir));
      if (trained.id !== meta.embedder.id) opts.log?.warn({ model: trained.id, index: meta.embedder.id }, 'knowledge: model id differs from the index metadata');
    }
    const terms = meta ? await readCorpusTerms(opts.dbDir) : null;
    wordnet ??= new WordNet();
    expansion = terms ? { expander: new QueryExpander(wordnet, terms), vectors: choice.kind === 'trainable' } : undefined;
    await store.refresh();
    stamp = now;
  };
  const queryEmbedder = async (): Promise<Embedder | null> => {
    await sync();
    if (!meta) return null;
    if (!compatible(meta, choice)) throw mismatchError(meta, choice);
    return choice.kind === 'remote' ? choice.embedder : trained;
  };

  return {
    async indexFolders(folders, o = {}) {
      // Runs are serialised: two concurrent runs would diff against the same old state.
      const run = running.then(async () => {
        await sync();
        const out = await runIndex({ dbDir: opts.dbDir, store, choice, meta, trained, audienceOf, retrainDrift: opts.retrainDrift, log: opts.log }, folders, o);
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
      return searchPassages(store, embedder, query, o, expansion);
    },
    async getDocument(path, o) {
      await queryEmbedder();
      const audiences = [...new Set(o.audiences.map((a) => a.toLowerCase()))];
      if (!meta || audiences.length === 0) return null;
      const row = await store.document(`path = ${sql(path.replace(/^\.?\//, ''))} AND ${inList('audience', audiences)}`);
      if (!row) return null;
      const doc: KnowledgeDocument = { path: row.path, title: row.title, audience: row.audience, text: row.text };
      if (row.url) doc.url = row.url;
      return doc;
    },
    async stats() {
      await sync();
      const counts = await store.counts();
      const m = meta as IndexMeta | null;
      return { ...counts, embedder: m?.embedder.id ?? null, dimensions: m?.embedder.dimensions ?? 0, folders: m?.folders ?? [], updatedAt: m?.updatedAt ?? null };
    },
    async close() {
      await running;
      store.close();
    },
  };
}
