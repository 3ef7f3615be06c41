// The index's metadata file: which embedder built it (none for a full-text-only index) and which folders.
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const META_FILE = 'warden-knowledge.json';

export interface IndexMeta {
  version: 1;
  embedder: {
    /**
     * 'remote': vectors from an embedding endpoint; 'none': full-text only (dimensions 0). 'trainable' was
     * written by the removed offline embedder: such an index is searched by full text and rebuilt on the next run.
     */
    kind: 'remote' | 'none' | 'trainable';
    /** 'openai' or 'none'. */
    name: string;
    id: string;
    dimensions: number;
  };
  /** Folders of the last run, as given. */
  folders: string[];
  updatedAt: string;
}

/** Reads the metadata, or null when the folder holds no index yet. */
export async function readMeta(dbDir: string): Promise<IndexMeta | null> {
  try {
    return JSON.parse(await readFile(join(dbDir, META_FILE), 'utf8')) as IndexMeta;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Modification time of the metadata file (0 when absent): a cheap "did another process re-index?" probe. */
export async function metaStamp(dbDir: string): Promise<number> {
  try {
    return (await stat(join(dbDir, META_FILE))).mtimeMs;
  } catch {
    return 0;
  }
}

async function atomicWrite(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

export async function writeMeta(dbDir: string, meta: IndexMeta): Promise<void> {
  await mkdir(dbDir, { recursive: true });
  await atomicWrite(join(dbDir, META_FILE), `${JSON.stringify(meta, null, 2)}\n`);
}
