// HTML to Markdown-like text: headings become `#` lines, blocks become paragraphs, scripts and chrome are dropped.

const DROP = /<(script|style|noscript|template|svg|head|nav|footer)\b[\s\S]*?<\/\1\s*>/gi;
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  copy: '©',
  reg: '®',
  trade: '™',
  middot: '·',
  bull: '•',
};

/** Decodes named (common) and numeric character references. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

const oneLine = (s: string): string =>
  decodeEntities(s.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();

/** Converts an HTML page to Markdown-like text and returns its `<title>`. */
export function htmlToMarkdown(html: string): { markdown: string; htmlTitle?: string } {
  const titleMatch = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  const htmlTitle = titleMatch ? oneLine(titleMatch[1] ?? '') || undefined : undefined;
  let s = html.replace(/<!--[\s\S]*?-->/g, '').replace(DROP, '');
  s = s.replace(
    /<pre\b[^>]*>([\s\S]*?)<\/pre>/gi,
    (_m, code: string) => `\n\n\`\`\`\n${decodeEntities(code.replace(/<[^>]*>/g, ''))}\n\`\`\`\n\n`,
  );
  s = s.replace(
    /<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi,
    (_m, n: string, t: string) => `\n\n${'#'.repeat(Number(n))} ${oneLine(t)}\n\n`,
  );
  s = s.replace(/<li\b[^>]*>/gi, '\n- ');
  s = s.replace(/<br\s*\/?>/gi, '\n');
  s = s.replace(
    /<\/?(p|div|section|article|main|header|aside|ul|ol|table|tr|blockquote|dl|dt|dd|figure|form|hr)\b[^>]*>/gi,
    '\n\n',
  );
  s = s.replace(/<\/t[dh]>/gi, ' | ');
  s = s.replace(/<[^>]+>/g, '');
  const markdown = decodeEntities(s)
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { markdown, htmlTitle };
}
