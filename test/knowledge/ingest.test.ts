// Ingest: front matter, template tags, Markdown and HTML structure, titles, and bad files skipped with a reason.
import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splitFrontMatter } from '../../src/knowledge/ingest/front-matter.js';
import { stripTemplates } from '../../src/knowledge/ingest/templates.js';
import { htmlToMarkdown } from '../../src/knowledge/ingest/html.js';
import { parseDocument } from '../../src/knowledge/ingest/parse-document.js';
import { collectDocuments } from '../../src/knowledge/collect.js';
import { audienceResolver } from '../../src/knowledge/audience.js';

const tmp = mkdtempSync(join(tmpdir(), 'warden-ingest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('front matter', () => {
  it.each([
    [
      'YAML',
      '---\ntitle: Leave policy\naudience: IT\npermalink: /leave/\ntags: [a, b]\n---\n# Body\ntext',
      { title: 'Leave policy', audience: 'it', url: '/leave/' },
    ],
    [
      'TOML',
      '+++\ntitle = "Hugo page"\nurl = "https://x.example/p"\n[params]\naudience = "nope"\n+++\nBody',
      { title: 'Hugo page', url: 'https://x.example/p' },
    ],
    ['malformed YAML (stripped, ignored)', '---\ntitle: [unclosed\n---\nBody', {}],
  ])('%s is removed and its fields read', (_n, raw, meta) => {
    const r = splitFrontMatter(raw);
    expect(r.meta).toEqual(meta);
    expect(r.body).not.toMatch(/^(---|\+\+\+)/);
    expect(r.body).toContain('Body');
  });

  it('leaves a document without front matter alone (a later --- is a rule, not front matter)', () => {
    const raw = 'Intro\n\n---\n\nMore';
    expect(splitFrontMatter(raw)).toEqual({ body: raw, meta: {} });
  });
});

describe('template tags', () => {
  it.each([
    ['Liquid tags', 'See [FMLA]({% page "travel/fmla" %}) now', 'See [FMLA]() now'],
    ['Liquid output', 'Hello {{ site.name | upcase }}!', 'Hello !'],
    [
      'Hugo shortcodes keep inner text',
      '{{< note >}}Keep me{{< /note >}} {{% tip %}}and me{{% /tip %}}',
      'Keep me and me',
    ],
    ['Liquid comment blocks', 'a{% comment %}secret{% endcomment %}b', 'ab'],
    ['HTML comments', 'a<!-- hidden\nnote -->b', 'ab'],
    ['raw blocks keep their text', '{% raw %}x{% endraw %}', 'x'],
  ])('%s', (_n, src, want) => expect(stripTemplates(src)).toBe(want));
});

describe('HTML', () => {
  const html = `<html><head><title>Page title</title><style>h1{}</style></head><body><nav>Menu</nav>
    <h1>Travel &amp; Leave</h1><p>Intro&nbsp;text.</p><script>alert(1)</script>
    <h2 id="x">Booking <em>flights</em></h2><ul><li>Use the portal</li><li>Keep receipts</li></ul><!-- c --></body></html>`;

  it('keeps headings and text, drops scripts, navigation and comments', () => {
    const { markdown, htmlTitle } = htmlToMarkdown(html);
    expect(htmlTitle).toBe('Page title');
    expect(markdown).toContain('# Travel & Leave');
    expect(markdown).toContain('## Booking flights');
    expect(markdown).toContain('- Use the portal');
    expect(markdown).not.toMatch(/alert|Menu|h1\{\}|<|>/);
  });

  it('parses into titled sections with heading paths', () => {
    const doc = parseDocument('travel/index.html', html, 'html');
    expect(doc.title).toBe('Travel & Leave');
    expect(doc.sections.map((s) => s.headings.join(' > '))).toEqual(['', 'Booking flights']);
  });
});

describe('Markdown documents', () => {
  const md =
    '---\ntitle: Access\n---\n# Access\nIntro.\n## AWS\nAWS text with [a link](https://x.example).\n### Prod\n```sh\n# not a heading\n```\nSetext\n------\nUnder setext.\n';

  it('tracks heading paths, ignores # inside code fences, reduces links to text', () => {
    const doc = parseDocument('a.md', md, 'markdown');
    expect(doc.title).toBe('Access');
    expect(doc.sections.map((s) => s.headings.join(' > '))).toEqual(['', 'AWS', 'AWS > Prod', 'Setext']);
    expect(doc.sections[1]!.text).toBe('AWS text with a link.');
    expect(doc.sections[2]!.text).toContain('# not a heading');
  });

  it.each([
    ['front matter title', '---\ntitle: From FM\n---\n# H1\nx', 'docs/a.md', 'From FM'],
    ['first H1', 'text\n# The H1\nx', 'docs/a.md', 'The H1'],
    ['file name', 'just text', 'docs/laptop-policy.md', 'Laptop policy'],
    ['folder of an index file', 'just text', 'travel-and-leave/index.md', 'Travel and leave'],
  ])('title from %s', (_n, raw, path, title) => {
    expect(parseDocument(path, raw, 'markdown').title).toBe(title);
  });

  it('strips MDX import/export lines and JSX tags', () => {
    const doc = parseDocument('x.mdx', "import Tabs from '@theme/Tabs'\n\n# T\n<Tabs>Tab text</Tabs>\n", 'markdown');
    expect(doc.text).not.toContain('import');
    expect(doc.sections[0]!.text).toBe('Tab text');
  });
});

describe('collecting a folder', () => {
  const dir = join(tmp, 'docs');
  mkdirSync(join(dir, 'sub'), { recursive: true });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  writeFileSync(join(dir, 'good.md'), '# Good\nHello world, this is fine.');
  writeFileSync(join(dir, 'notes.txt'), 'Plain text notes.');
  writeFileSync(join(dir, 'sub', 'page.htm'), '<h1>Sub page</h1><p>Body</p>');
  writeFileSync(join(dir, 'binary.md'), Buffer.from([0x23, 0x20, 0x41, 0x00, 0x01, 0x02]));
  writeFileSync(join(dir, 'latin1.md'), Buffer.from('# Caf\xe9 cr\xe8me\n', 'latin1'));
  writeFileSync(join(dir, 'huge.md'), `# Huge\n${'x'.repeat(2 * 1024 * 1024 + 10)}`);
  writeFileSync(join(dir, 'image.png'), 'not indexed');
  writeFileSync(join(dir, 'node_modules', 'dep.md'), '# vendored');
  writeFileSync(join(dir, 'secret.md'), '# Secret\nHidden text.');
  chmodSync(join(dir, 'secret.md'), 0o000);
  symlinkSync(join(tmp, 'does-not-exist.md'), join(dir, 'dangling.md'));
  const root = process.getuid?.() === 0; // root reads anything; the unreadable case cannot be staged

  it('reads good files, skips bad ones with a reason, and never throws', async () => {
    const warnings: string[] = [];
    const { docs, skipped } = await collectDocuments([dir], {
      audienceOf: audienceResolver(),
      onSkip: (s) => warnings.push(s.path),
    });
    expect(docs.map((d) => d.doc.path).sort()).toEqual(
      ['good.md', 'notes.txt', 'sub/page.htm', ...(root ? ['secret.md'] : [])].sort(),
    );
    const reasons = Object.fromEntries(skipped.map((s) => [s.path, s.reason]));
    expect(reasons['binary.md']).toMatch(/binary/);
    expect(reasons['latin1.md']).toMatch(/UTF-8/);
    expect(reasons['huge.md']).toMatch(/too large/);
    expect(reasons['dangling.md']).toMatch(/unreadable \(ENOENT\)/);
    if (!root) expect(reasons['secret.md']).toMatch(/unreadable \(EACCES\)/);
    expect(warnings.sort()).toEqual(skipped.map((s) => s.path).sort());
  });
});
