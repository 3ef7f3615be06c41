// A parsed YAML file that remembers positions, so schema errors can name the file, line and column.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

/** One problem in a policy file, positioned for an editor. */
export interface PolicyError {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface YamlSource {
  file: string;
  text: string;
  doc: Document.Parsed;
  /** Line and column (1-based) of the value at `path`, or of its key when `key` is given. */
  locate(path: readonly PropertyKey[], key?: string): { line: number; column: number };
  /** An error at `path` with `message`. */
  errorAt(path: readonly PropertyKey[], message: string, key?: string): PolicyError;
}

/** Parses YAML text; syntax errors come back as positioned PolicyErrors. */
export function parseYamlSource(text: string, file: string): { source: YamlSource; errors: PolicyError[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const pos = (offset: number) => {
    const p = lc.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const locate = (path: readonly PropertyKey[], key?: string) => {
    let node: unknown = doc.contents;
    let offset = node && (node as Node).range ? (node as Node).range![0] : 0;
    const segments = key === undefined ? path : [...path, key];
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i];
      const last = i === segments.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        const keyNode = pair.key as Node;
        // Point at the key for unknown keys and empty values, at the value otherwise.
        const valueNode = pair.value as Node | null;
        offset = (last && key !== undefined) || !valueNode?.range ? keyNode.range![0] : valueNode.range[0];
        node = valueNode;
      } else if (isSeq(node)) {
        const item = node.items[Number(seg)] as Node | undefined;
        if (!item?.range) break;
        offset = item.range[0];
        node = item;
      } else {
        break;
      }
    }
    return pos(offset);
  };
  const source: YamlSource = {
    file,
    text,
    doc,
    locate,
    errorAt: (path, message, key) => ({ file, ...locate(path, key), message }),
  };
  // Only the first syntax error: the parser's later ones are nearly always knock-on effects of it (one bad indent yields a dozen).
  const errors: PolicyError[] = doc.errors.slice(0, 1).map((e) => {
    const at = pos(e.pos[0]);
    const follow = doc.errors.length > 1 ? ' (fix this first; later syntax errors may follow from it)' : '';
    return {
      file,
      ...at,
      column: e.code === 'TAB_AS_INDENT' ? at.column : firstNonSpace(text, at.line, at.column),
      message: `YAML syntax error: ${firstLine(e.message)}${follow}`,
    };
  });
  return { source, errors };
}

/** An error at column 1 of an indented line points at the line's first character instead (the bad indent). */
function firstNonSpace(text: string, line: number, column: number): number {
  if (column !== 1) return column;
  const m = /^[ \t]*/.exec(text.split('\n')[line - 1] ?? '');
  return (m?.[0].length ?? 0) + 1;
}

const firstLine = (s: string): string => s.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');

/** `['rules', 2, 'effect']` → `rules[2].effect`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out || '(top level)';
}
