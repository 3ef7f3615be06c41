// LanceDB tables behind the knowledge base: `chunks` (text, metadata, full-text index, vector with an embedder) and `documents`.
import { connect, Index, type Connection, type Table } from '@lancedb/lancedb';
import { Field, FixedSizeList, Float32, Int32, Schema, Utf8 } from 'apache-arrow';

export interface ChunkRow {
  id: string;
  path: string;
  ord: number;
  title: string;
  heading: string;
  text: string;
  /** Title, heading and text with multi-word terms joined: what the full-text index sees. */
  search_text: string;
  audience: string;
  url: string;
  chunk_hash: string;
  /** Present when the index has an embedder (the table then has a `vector` column). */
  vector?: Float32Array;
}

export interface DocumentRow {
  path: string;
  title: string;
  url: string;
  audience: string;
  text: string;
  hash: string;
  chunks: number;
}

/** A chunk as read back from a search, with LanceDB's `_score` (BM25) or `_distance` (cosine). */
export type ChunkHit = Omit<ChunkRow, 'vector' | 'search_text'> & { _score?: number; _distance?: number };

const CHUNKS = 'chunks';
const DOCUMENTS = 'documents';
const HIT_COLUMNS = ['id', 'path', 'ord', 'title', 'heading', 'text', 'audience', 'url', 'chunk_hash'];
/** A fresh FTS index config each time: LanceDB consumes the native object on use. */
const ftsIndex = (): Index =>
  Index.fts({
    withPosition: false,
    baseTokenizer: 'simple',
    language: 'English',
    stem: true,
    removeStopWords: true,
    lowercase: true,
    asciiFolding: true,
  });

/** SQL string literal. */
export const sql = (s: string): string => `'${s.replace(/'/g, "''")}'`;
export const inList = (column: string, values: string[]): string => `${column} IN (${values.map(sql).join(', ')})`;

/** Chunk columns; `vector` only when `dims` > 0 (a full-text-only index stores none). */
const chunkSchema = (dims: number): Schema =>
  new Schema([
    new Field('id', new Utf8(), false),
    new Field('path', new Utf8(), false),
    new Field('ord', new Int32(), false),
    new Field('title', new Utf8(), false),
    new Field('heading', new Utf8(), false),
    new Field('text', new Utf8(), false),
    new Field('search_text', new Utf8(), false),
    new Field('audience', new Utf8(), false),
    new Field('url', new Utf8(), false),
    new Field('chunk_hash', new Utf8(), false),
    ...(dims > 0 ? [new Field('vector', new FixedSizeList(dims, new Field('item', new Float32(), true)), false)] : []),
  ]);
const documentSchema = new Schema([
  new Field('path', new Utf8(), false),
  new Field('title', new Utf8(), false),
  new Field('url', new Utf8(), false),
  new Field('audience', new Utf8(), false),
  new Field('text', new Utf8(), false),
  new Field('hash', new Utf8(), false),
  new Field('chunks', new Int32(), false),
]);

/** Opens (or prepares) the store in `dbDir`. Tables appear on the first write. */
export async function openLanceStore(dbDir: string): Promise<LanceStore> {
  return new LanceStore(await connect(dbDir));
}

export class LanceStore {
  private chunks: Table | null = null;
  private documents: Table | null = null;
  constructor(private readonly db: Connection) {}

  /** Re-opens the tables (after this or another process rewrote them). */
  async refresh(): Promise<void> {
    this.chunks?.close();
    this.documents?.close();
    const names = await this.db.tableNames();
    this.chunks = names.includes(CHUNKS) ? await this.db.openTable(CHUNKS) : null;
    this.documents = names.includes(DOCUMENTS) ? await this.db.openTable(DOCUMENTS) : null;
  }

  get ready(): boolean {
    return this.chunks !== null && this.documents !== null;
  }

  /** Drops everything and creates empty tables for vectors of `dims` (0: no vectors). */
  async reset(dims: number): Promise<void> {
    this.chunks = await this.db.createEmptyTable(CHUNKS, chunkSchema(dims), { mode: 'overwrite' });
    this.documents = await this.db.createEmptyTable(DOCUMENTS, documentSchema, { mode: 'overwrite' });
  }

  /** Path → content hash and chunk count of every stored document. */
  async documentHashes(): Promise<Map<string, { hash: string; chunks: number }>> {
    if (!this.documents) return new Map();
    const rows = await this.documents.query().select(['path', 'hash', 'chunks']).toArray();
    return new Map(rows.map((r) => [String(r.path), { hash: String(r.hash), chunks: Number(r.chunks) }]));
  }

  /** Removes documents (first, so an interrupted run re-embeds them) and their chunks. */
  async remove(paths: string[]): Promise<void> {
    for (let i = 0; i < paths.length; i += 200) {
      const batch = paths.slice(i, i + 200);
      await this.documents?.delete(inList('path', batch));
      await this.chunks?.delete(inList('path', batch));
    }
  }

  /** Adds chunks, then their documents (a document row means its chunks are complete). */
  async add(chunks: ChunkRow[], documents: DocumentRow[]): Promise<void> {
    if (!this.chunks || !this.documents) throw new Error('knowledge store: tables not created');
    for (let i = 0; i < chunks.length; i += 2000) {
      await this.chunks.add(
        chunks.slice(i, i + 2000).map(({ vector, ...c }) => (vector ? { ...c, vector: Array.from(vector) } : c)),
      );
    }
    if (documents.length) await this.documents.add(documents.map((d) => ({ ...d })));
  }

  /** (Re)builds the stemmed full-text index and folds new rows into existing indexes. */
  async reindex(full: boolean): Promise<void> {
    if (!this.chunks || !this.documents) return;
    if (full || !(await this.chunks.listIndices()).some((i) => i.columns.includes('search_text'))) {
      await this.chunks.createIndex('search_text', { config: ftsIndex(), replace: true });
    } else {
      await this.chunks.optimize();
    }
    await this.documents.optimize();
  }

  /** BM25 search over title, heading and text, filtered inside LanceDB by `where`. */
  async fullText(query: string, where: string, limit: number): Promise<ChunkHit[]> {
    if (!this.chunks || !query.trim()) return [];
    const rows = await this.chunks
      .query()
      .fullTextSearch(query, { columns: 'search_text' })
      .where(where)
      .select([...HIT_COLUMNS, '_score'])
      .limit(limit)
      .toArray();
    return rows as ChunkHit[];
  }

  /** Exact cosine nearest neighbours, pre-filtered by `where`. */
  async nearest(vector: Float32Array, where: string, limit: number): Promise<ChunkHit[]> {
    if (!this.chunks) return [];
    const rows = await this.chunks
      .vectorSearch(Array.from(vector))
      .distanceType('cosine')
      .where(where)
      .select([...HIT_COLUMNS, '_distance'])
      .limit(limit)
      .toArray();
    return rows as ChunkHit[];
  }

  async document(where: string): Promise<DocumentRow | null> {
    if (!this.documents) return null;
    const [row] = await this.documents.query().where(where).limit(1).toArray();
    return (row as DocumentRow | undefined) ?? null;
  }

  async counts(): Promise<{ documents: number; chunks: number }> {
    return { documents: (await this.documents?.countRows()) ?? 0, chunks: (await this.chunks?.countRows()) ?? 0 };
  }

  close(): void {
    this.chunks?.close();
    this.documents?.close();
    this.db.close();
    this.chunks = null;
    this.documents = null;
  }
}
