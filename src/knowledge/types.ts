// Shared shapes of the knowledge pipeline: parsed documents, sections, chunks and index results.

/** A run of text under one heading path. */
export interface Section {
  /** Heading path from the top, e.g. `['Access', 'AWS']` (empty for text before the first heading). */
  headings: string[];
  text: string;
}

/** A document after ingest: metadata plus its text split by headings. */
export interface ParsedDocument {
  /** Path relative to the indexed folder (prefixed when several folders are indexed). */
  path: string;
  title: string;
  url?: string;
  /** Audience from front matter, when it declares one. */
  audience?: string;
  sections: Section[];
  /** The whole readable text (front matter and template tags removed). */
  text: string;
}

/** One retrievable passage. */
export interface Chunk {
  /** Position inside the document, from 0. */
  ord: number;
  /** Heading path joined with ` > `. */
  heading: string;
  text: string;
  /** SHA-256 (hex) of heading and text. */
  hash: string;
}

/** A file that was not indexed, and why. */
export interface SkippedFile {
  path: string;
  reason: string;
}

/** Progress of an indexing run. */
export interface IndexProgress {
  files: number;
  totalFiles: number;
  chunks: number;
  phase?: 'reading' | 'embedding' | 'writing' | 'done';
  /** Chunks embedded so far in this run. */
  embeddedChunks?: number;
  /** Chunks that need embedding in this run. */
  chunksToEmbed?: number;
}

/** What an indexing run did. */
export interface IndexResult {
  /** Documents now in the index. */
  files: number;
  /** Chunks now in the index. */
  chunks: number;
  /** Documents (re-)indexed in this run (embedded too, with an embedder). */
  embedded: number;
  /** Chunks (re-)indexed in this run. */
  embeddedChunks: number;
  skipped: SkippedFile[];
  /** Documents removed because their file disappeared (or became unreadable). */
  deleted: number;
  ms: number;
}

export type SearchMode = 'hybrid' | 'fts' | 'vector';
