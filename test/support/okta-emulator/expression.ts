// Strict parser for Okta filter/search expressions (SCIM-like grammar with JSON string literals).

export type CompareOp = 'eq' | 'ne' | 'sw' | 'co' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';
export type Literal = string | number | boolean | null;
export type Expr =
  | { kind: 'or' | 'and'; left: Expr; right: Expr }
  | { kind: 'not'; expr: Expr }
  | { kind: 'cmp'; attr: string; op: CompareOp; value: Literal }
  | { kind: 'pr'; attr: string };

/** A syntax error; routes turn it into 400 E0000031 (E0000053 for logs). */
export class ExpressionError extends Error {}

type Token =
  | { t: 'word'; v: string; at: number }
  | { t: 'string'; v: string; at: number }
  | { t: 'number'; v: number; at: number }
  | { t: '(' | ')'; at: number };

const COMPARE_OPS = new Set(['eq', 'ne', 'sw', 'co', 'ew', 'gt', 'ge', 'lt', 'le']);
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Reads one JSON string literal starting at the opening quote; returns its value and the index after it. */
function readString(src: string, start: number): { value: string; end: number } {
  let out = '';
  let i = start + 1;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === '"') return { value: out, end: i + 1 };
    if (ch.charCodeAt(0) < 0x20) throw new ExpressionError(`control character in string at ${i}`);
    if (ch !== '\\') {
      out += ch;
      i += 1;
      continue;
    }
    const esc = src[i + 1];
    if (esc === undefined) break;
    if (esc === 'u') {
      const hex = src.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new ExpressionError(`bad \\u escape at ${i}`);
      out += String.fromCharCode(parseInt(hex, 16));
      i += 6;
      continue;
    }
    const mapped = ESCAPES[esc];
    if (mapped === undefined) throw new ExpressionError(`bad escape \\${esc} at ${i}`);
    out += mapped;
    i += 2;
  }
  throw new ExpressionError(`unterminated string starting at ${start}`);
}

/** Splits an expression into tokens; rejects anything outside the grammar. */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === ' ' || ch === '\t') {
      i += 1;
      continue;
    }
    if (ch === '(' || ch === ')') {
      tokens.push({ t: ch, at: i });
      i += 1;
      continue;
    }
    if (ch === '"') {
      const { value, end } = readString(src, i);
      tokens.push({ t: 'string', v: value, at: i });
      i = end;
      continue;
    }
    const num = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(src.slice(i));
    if (num && (ch === '-' || /\d/.test(ch))) {
      tokens.push({ t: 'number', v: Number(num[0]), at: i });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_.$]*/.exec(src.slice(i));
    if (!word) throw new ExpressionError(`unexpected character ${JSON.stringify(ch)} at ${i}`);
    tokens.push({ t: 'word', v: word[0], at: i });
    i += word[0].length;
  }
  return tokens;
}

/** Parses an expression. Precedence: comparison, parentheses, not, and, or. */
export function parseExpression(src: string): Expr {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isWord = (tok: Token | undefined, w: string): boolean => tok?.t === 'word' && tok.v.toLowerCase() === w;
  const fail = (what: string): never => {
    const tok = peek();
    throw new ExpressionError(tok ? `${what} at ${tok.at}` : `${what} at end of expression`);
  };

  function parseOr(): Expr {
    let left = parseAnd();
    while (isWord(peek(), 'or')) {
      pos += 1;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  }
  function parseAnd(): Expr {
    let left = parseUnary();
    while (isWord(peek(), 'and')) {
      pos += 1;
      left = { kind: 'and', left, right: parseUnary() };
    }
    return left;
  }
  function parseUnary(): Expr {
    if (isWord(peek(), 'not')) {
      pos += 1;
      return { kind: 'not', expr: parseUnary() };
    }
    return parsePrimary();
  }
  function parsePrimary(): Expr {
    const tok = peek();
    if (tok?.t === '(') {
      pos += 1;
      const inner = parseOr();
      if (peek()?.t !== ')') fail('expected )');
      pos += 1;
      return inner;
    }
    if (tok?.t !== 'word' || ['and', 'or', 'not'].includes(tok.v.toLowerCase())) return fail('expected attribute');
    const attr = tok.v;
    pos += 1;
    const opTok = peek();
    if (opTok?.t !== 'word') return fail('expected operator');
    const op = opTok.v.toLowerCase();
    pos += 1;
    if (op === 'pr') return { kind: 'pr', attr };
    if (!COMPARE_OPS.has(op)) {
      pos -= 1;
      return fail(`unknown operator ${JSON.stringify(opTok.v)}`);
    }
    const lit = peek();
    let value: Literal;
    if (lit?.t === 'string' || lit?.t === 'number') value = lit.v;
    else if (isWord(lit, 'true')) value = true;
    else if (isWord(lit, 'false')) value = false;
    else if (isWord(lit, 'null')) value = null;
    else return fail('expected literal');
    pos += 1;
    return { kind: 'cmp', attr, op: op as CompareOp, value };
  }

  if (tokens.length === 0) throw new ExpressionError('empty expression');
  const expr = parseOr();
  if (pos !== tokens.length) fail('unexpected token');
  return expr;
}

/** Every comparison/presence node in the tree, for validating attributes and operators. */
export function leaves(expr: Expr): Array<Extract<Expr, { kind: 'cmp' | 'pr' }>> {
  if (expr.kind === 'cmp' || expr.kind === 'pr') return [expr];
  if (expr.kind === 'not') return leaves(expr.expr);
  return [...leaves(expr.left), ...leaves(expr.right)];
}
