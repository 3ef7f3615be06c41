// The corpora the retrieval eval runs on: folders to index, their path prefixes, and question files.

import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
/** The shared corpora sit beside the project (`../shared/corpora`), read-only. */
const shared = resolve(root, '../shared/corpora');

export interface CorpusSet {
  name: 'handbooks' | 'acme';
  questions: string;
  /** Folders indexed together in one knowledge base. */
  folders: string[];
  /** Question `corpus` value -> prefix the index puts before paths of that folder. */
  prefixes: Record<string, string>;
  audiences: string[];
}

/** Paths of several folders in one index are prefixed with each folder's basename (see collect.ts). */
const prefixOf = (folder: string): string => `${basename(folder)}/`;

export function corpusSet(name: string): CorpusSet {
  if (name === 'handbooks') {
    const f18 = join(shared, '18f-handbook/pages');
    const sg = join(shared, 'sourcegraph-handbook/content');
    return {
      name, questions: join(here, 'handbooks.questions.yaml'), folders: [f18, sg],
      prefixes: { '18f': prefixOf(f18), sourcegraph: prefixOf(sg) }, audiences: ['public'],
    };
  }
  if (name === 'acme') {
    return {
      name, questions: join(here, 'acme.questions.yaml'), folders: [join(root, 'examples/acme/knowledge')],
      prefixes: { acme: '' }, audiences: ['public', 'it', 'security', 'hr', 'staff'],
    };
  }
  throw new Error(`unknown corpus "${name}" (expected handbooks or acme)`);
}
