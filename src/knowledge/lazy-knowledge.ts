// A knowledge base that opens LanceDB (and its native module) on first use, so a server starts without loading it.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { KnowledgeBase, KnowledgeBaseOptions } from './index.js';
import { META_FILE } from './index-meta.js';

/** Whether `dbDir` holds an index already (its metadata file), without opening LanceDB. */
export async function hasKnowledgeIndex(dbDir: string): Promise<boolean> {
  return access(join(dbDir, META_FILE)).then(
    () => true,
    () => false,
  );
}

/** Same contract as openKnowledgeBase; the index is opened by the first call that needs it (once, shared). */
export function lazyKnowledgeBase(opts: KnowledgeBaseOptions): KnowledgeBase {
  let opened: Promise<KnowledgeBase> | undefined;
  const kb = (): Promise<KnowledgeBase> => {
    opened ??= import('./index.js').then((m) => m.openKnowledgeBase(opts));
    // A failed open (e.g. a locked folder) is tried again on the next call rather than cached.
    opened.catch(() => {
      opened = undefined;
    });
    return opened;
  };
  return {
    indexFolders: async (folders, o) => (await kb()).indexFolders(folders, o),
    search: async (query, o) => (await kb()).search(query, o),
    getDocument: async (path, o) => (await kb()).getDocument(path, o),
    stats: async () => (await kb()).stats(),
    async close() {
      if (opened) await (await opened.catch(() => undefined))?.close();
    },
  };
}
