// The index's metadata file: which embedder built it, the offline model, and how far the corpus drifted since training.
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const META_FILE = 'warden-knowledge.json';
export const MODEL_FILE = 'offline-model.bin';

export interface IndexMeta {
  version: 1;
  embedder: {
    /** 'trainable' embedders keep a model beside the index; 'remote' ones (OpenAI) do not. */
    kind: 'trainable' | 'remote';
    /** Factory name ('offline', 'hashing') or 'openai'. */
    name: string;
    id: string;
    dimensions: number;
  };
  /** For trainable embedders: corpus size at training and chunks changed since (added, changed or deleted). */
  training?: { chunks: number; driftChunks: number; trainedAt: string };
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

export async function readModel(dbDir: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(join(dbDir, MODEL_FILE)));
}

export async function writeModel(dbDir: string, model: Uint8Array): Promise<void> {
  await mkdir(dbDir, { recursive: true });
  await atomicWrite(join(dbDir, MODEL_FILE), model);
}
