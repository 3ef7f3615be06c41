// Turns a file's text into a ParsedDocument: front matter read, templates stripped, HTML converted, sections found.
import type { ParsedDocument } from '../types.js';
import { splitFrontMatter } from './front-matter.js';
import { stripTemplates } from './templates.js';
import { htmlToMarkdown } from './html.js';
import { markdownSections } from './markdown.js';
import type { DocKind } from './walk.js';

/** MDX `import … from '…'` and `export const …` lines: code, not prose. */
const MDX_MODULE_LINE =
  /^(?:import\s+(?:[\w*{}\s,]+\s+from\s+)?['"][^'"]+['"];?|export\s+(?:const|let|default|function)\b[^\n]*)[ \t]*$\n?/gm;

/** A readable title from a file path: `it-access-policy.md` → `It access policy`; `x/index.md` → `X`. */
export function titleFromPath(path: string): string {
  const parts = path.split('/');
  let base = (parts.pop() ?? path).replace(/\.[^.]+$/, '');
  if (/^(_?index|readme)$/i.test(base) && parts.length) base = parts.pop()!;
  const words = base.replace(/[-_]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : path;
}

/** Parses `raw` (already decoded) as a document of `kind` at `path`. */
export function parseDocument(path: string, raw: string, kind: DocKind): ParsedDocument {
  const { body, meta } = splitFrontMatter(raw);
  let md = stripTemplates(body);
  if (kind === 'markdown') md = md.replace(MDX_MODULE_LINE, '');
  let htmlTitle: string | undefined;
  if (kind === 'html') ({ markdown: md, htmlTitle } = htmlToMarkdown(md));
  const { sections, firstH1 } =
    kind === 'text'
      ? {
          sections: md.trim() ? [{ headings: [], text: md.replace(/\n{3,}/g, '\n\n').trim() }] : [],
          firstH1: undefined,
        }
      : markdownSections(md);
  const title = meta.title ?? firstH1 ?? htmlTitle ?? titleFromPath(path);
  // The title heading is already carried by `title`; repeating it in every heading path adds noise.
  if (firstH1 && firstH1.toLowerCase() === title.toLowerCase()) {
    for (const s of sections) if (s.headings[0] === firstH1) s.headings = s.headings.slice(1);
  }
  const text = md.replace(/\n{3,}/g, '\n\n').trim();
  const doc: ParsedDocument = { path, title, sections, text };
  if (meta.url) doc.url = meta.url;
  if (meta.audience) doc.audience = meta.audience;
  return doc;
}
