// Lists the indexable files under a folder (Markdown, HTML, plain text), skipping hidden and vendor folders.
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export type DocKind = 'markdown' | 'html' | 'text';

const KINDS: Record<string, DocKind> = {
  md: 'markdown',
  markdown: 'markdown',
  mdx: 'markdown',
  html: 'html',
  htm: 'html',
  txt: 'text',
};
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '_site', 'vendor']);

/** The kind of document a file name denotes, or undefined when it is not indexed. */
export function docKind(name: string): DocKind | undefined {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? undefined : KINDS[name.slice(dot + 1).toLowerCase()];
}

export interface FoundFile {
  abs: string;
  /** Path relative to the folder, with `/` separators. */
  rel: string;
  kind: DocKind;
}

/** Walks `root` recursively (files in a stable, sorted order); unreadable folders are reported, not thrown. */
export async function walkFolder(root: string, onError: (rel: string, reason: string) => void): Promise<FoundFile[]> {
  const out: FoundFile[] = [];
  const visit = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      onError(
        relative(root, dir).split(sep).join('/') || '.',
        `unreadable folder (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      );
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const abs = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) await visit(abs);
      } else if (e.isFile() || e.isSymbolicLink()) {
        const kind = docKind(e.name);
        if (kind) out.push({ abs, rel: relative(root, abs).split(sep).join('/'), kind });
      }
    }
  };
  await visit(root);
  return out;
}
