// Markdown (and MDX) to sections: headings tracked outside code fences, links and inline HTML reduced to text.
import type { Section } from '../types.js';

const ATX = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Reduces inline Markdown/HTML to readable text. */
export function inlineText(line: string): string {
  return line
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<\/?[A-Za-z][A-Za-z0-9.-]*(?:\s[^<>]*)?\/?>/g, '')
    .replace(/(\*\*|__)(?=\S)([^*_]*?\S)\1/g, '$2')
    .replace(/\{#[\w-]+\}\s*$/, '');
}

function headingText(s: string): string {
  return inlineText(s).replace(/[*_`]/g, '').trim();
}

/** Splits Markdown into sections by heading; returns the first H1 seen (a title candidate). */
export function markdownSections(md: string): { sections: Section[]; firstH1?: string } {
  const lines = md.split(/\r?\n/);
  const sections: Section[] = [];
  const stack: { level: number; text: string }[] = [];
  let buf: string[] = [];
  let firstH1: string | undefined;
  let fence: string | null = null;
  const flush = (): void => {
    const text = buf
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    if (text) sections.push({ headings: stack.map((h) => h.text), text });
    buf = [];
  };
  const open = (level: number, text: string): void => {
    flush();
    if (!text) return;
    if (level === 1 && firstH1 === undefined) firstH1 = text;
    while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop();
    stack.push({ level, text });
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length) fence = null;
      buf.push(line);
      continue;
    }
    if (f) {
      fence = f[1]!;
      buf.push(line);
      continue;
    }
    if (/^ {0,3}\[[^\]]+\]:\s*\S+/.test(line)) continue; // link reference definitions
    const atx = ATX.exec(line);
    if (atx) {
      open(atx[1]!.length, headingText(atx[2] ?? ''));
      continue;
    }
    const next = lines[i + 1];
    if (next !== undefined && line.trim() && !/^\s*([-*+]|\d+\.|>|\|)/.test(line) && /^ {0,3}(=+|-+)\s*$/.test(next)) {
      open(next.trim().startsWith('=') ? 1 : 2, headingText(line));
      i++;
      continue;
    }
    buf.push(inlineText(line));
  }
  flush();
  return { sections, firstH1 };
}
