// The corpora the retrieval eval runs on: folders to index, their path prefixes, and question files.

import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

/** The two public handbooks the `handbooks` eval and the knowledge benchmarks use, inside the corpora folder. */
export const HANDBOOK_FOLDERS = ['18f-handbook/pages', 'sourcegraph-handbook/content'] as const;

/**
 * The folder holding the handbooks (not part of the repository): `--corpora DIR`, else `WARDEN_EVAL_CORPORA`.
 * Throws a message saying what to fetch and where to point when it is missing.
 */
export function handbookCorporaDir(flag?: string, env: Record<string, string | undefined> = process.env): string {
  const given = flag ?? env.WARDEN_EVAL_CORPORA;
  const help =
    'The handbooks corpus is not part of the repository. Clone https://github.com/18F/handbook and ' +
    'https://github.com/sourcegraph/handbook into one folder as 18f-handbook/ and sourcegraph-handbook/, then pass ' +
    "--corpora DIR or set WARDEN_EVAL_CORPORA=DIR. The demo company's eval needs nothing: --corpus acme.";
  if (!given) throw new Error(`No corpora folder given. ${help}`);
  const dir = resolve(given);
  const missing = HANDBOOK_FOLDERS.filter((f) => !existsSync(join(dir, f)));
  if (missing.length) throw new Error(`${dir} has no ${missing.join(' or ')}. ${help}`);
  return dir;
}

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

/** The corpus `name`; `corpora` is the handbooks folder (see handbookCorporaDir), needed only for `handbooks`. */
export function corpusSet(name: string, corpora?: string): CorpusSet {
  if (name === 'handbooks') {
    const dir = handbookCorporaDir(corpora);
    const f18 = join(dir, HANDBOOK_FOLDERS[0]);
    const sg = join(dir, HANDBOOK_FOLDERS[1]);
    return {
      name,
      questions: join(here, 'handbooks.questions.yaml'),
      folders: [f18, sg],
      prefixes: { '18f': prefixOf(f18), sourcegraph: prefixOf(sg) },
      audiences: ['public'],
    };
  }
  if (name === 'acme') {
    return {
      name,
      questions: join(here, 'acme.questions.yaml'),
      folders: [join(root, 'examples/acme/knowledge')],
      prefixes: { acme: '' },
      audiences: ['public', 'it', 'security', 'hr', 'staff'],
    };
  }
  throw new Error(`unknown corpus "${name}" (expected handbooks or acme)`);
}
