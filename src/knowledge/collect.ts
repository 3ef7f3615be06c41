// Reads every indexable file of the given folders into chunked documents with stable, unique paths.
import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import type { Chunk, ParsedDocument, SkippedFile } from './types.js';
import { walkFolder, type FoundFile } from './ingest/walk.js';
import { readTextFile } from './ingest/read-file.js';
import { parseDocument } from './ingest/parse-document.js';
import { chunkDocument } from './chunk.js';

/** Bumped when parsing, chunking or the full-text text changes, so every document is re-chunked and re-embedded once. */
export const PIPELINE_VERSION = 'p2';

export interface PreparedDocument {
  doc: ParsedDocument;
  audience: string;
  /** Hash of the file bytes, audience and pipeline version. */
  hash: string;
  chunks: Chunk[];
}

/**
 * Path prefixes per folder. One folder: none (paths are relative to it). Several: each folder's
 * basename (`handbook/…`), with `-2`, `-3` appended when two folders share a basename.
 */
export function folderPrefixes(folders: string[]): string[] {
  if (folders.length <= 1) return folders.map(() => '');
  const seen = new Map<string, number>();
  return folders.map((f) => {
    const base = basename(resolve(f)) || 'root';
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return `${n === 1 ? base : `${base}-${n}`}/`;
  });
}

export interface CollectOptions {
  audienceOf: (path: string, declared?: string) => string;
  onFile?: (done: number, total: number, chunks: number) => void;
  onSkip?: (s: SkippedFile) => void;
}

/** Walks, reads, parses and chunks; bad files are reported through `onSkip` and never throw. */
export async function collectDocuments(
  folders: string[],
  o: CollectOptions,
): Promise<{ docs: PreparedDocument[]; skipped: SkippedFile[] }> {
  const skipped: SkippedFile[] = [];
  const skip = (s: SkippedFile): void => {
    skipped.push(s);
    o.onSkip?.(s);
  };
  const prefixes = folderPrefixes(folders);
  const files: (FoundFile & { path: string })[] = [];
  for (const [i, folder] of folders.entries()) {
    const prefix = prefixes[i]!;
    for (const f of await walkFolder(resolve(folder), (rel, reason) => skip({ path: prefix + rel, reason })))
      files.push({ ...f, path: prefix + f.rel });
  }
  const docs: PreparedDocument[] = [];
  let chunkCount = 0;
  for (const [i, f] of files.entries()) {
    const read = await readTextFile(f.abs);
    if (!read.ok) skip({ path: f.path, reason: read.reason });
    else {
      try {
        const doc = parseDocument(f.path, read.text, f.kind);
        const audience = o.audienceOf(f.path, doc.audience);
        const hash = createHash('sha256')
          .update(PIPELINE_VERSION)
          .update('\0')
          .update(audience)
          .update('\0')
          .update(read.bytes)
          .digest('hex');
        const chunks = chunkDocument(doc);
        if (chunks.length === 0) skip({ path: f.path, reason: 'no text (empty, or front matter only)' });
        else {
          docs.push({ doc, audience, hash, chunks });
          chunkCount += chunks.length;
        }
      } catch (e) {
        skip({ path: f.path, reason: `could not be parsed (${(e as Error).message.slice(0, 80)})` });
      }
    }
    o.onFile?.(i + 1, files.length, chunkCount);
  }
  return { docs, skipped };
}
