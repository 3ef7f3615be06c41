// Validates a parsed expression against per-endpoint rules and evaluates it against one resource.
import { ExpressionError, leaves, parseExpression, type CompareOp, type Expr, type Literal } from './expression.js';

export interface ExprRules {
  /** Operators allowed on an attribute (including `pr`), or undefined when it cannot be queried. */
  opsFor(attr: string): ReadonlySet<string> | undefined;
  /** `search` compares case-insensitively; `filter` does not. */
  caseInsensitive: boolean;
  allowNot?: boolean;
}

export type Resolver = (attr: string) => unknown;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function compareScalar(actual: unknown, op: CompareOp, lit: Literal, ci: boolean): boolean {
  if (lit === null) return op === 'eq' ? actual == null : op === 'ne' ? actual != null : false;
  if (actual == null) return op === 'ne';
  if (typeof lit === 'boolean') {
    const eq = String(actual).toLowerCase() === String(lit);
    return op === 'eq' ? eq : op === 'ne' ? !eq : false;
  }
  let a: string | number;
  let b: string | number;
  if (typeof lit === 'number') {
    a = Number(actual);
    b = lit;
    if (Number.isNaN(a)) return op === 'ne';
  } else if (typeof actual === 'string' && ISO.test(actual) && ISO.test(lit)) {
    a = Date.parse(actual);
    b = Date.parse(lit);
  } else {
    a = ci ? String(actual).toLowerCase() : String(actual);
    b = ci ? lit.toLowerCase() : lit;
  }
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'sw':
      return String(a).startsWith(String(b));
    case 'co':
      return String(a).includes(String(b));
    case 'ew':
      return String(a).endsWith(String(b));
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
  }
}

function present(v: unknown): boolean {
  if (v == null || v === '') return false;
  if (Array.isArray(v)) return v.some(present);
  return true;
}

function evaluate(expr: Expr, resolve: Resolver, ci: boolean): boolean {
  switch (expr.kind) {
    case 'or':
      return evaluate(expr.left, resolve, ci) || evaluate(expr.right, resolve, ci);
    case 'and':
      return evaluate(expr.left, resolve, ci) && evaluate(expr.right, resolve, ci);
    case 'not':
      return !evaluate(expr.expr, resolve, ci);
    case 'pr':
      return present(resolve(expr.attr));
    case 'cmp': {
      const actual = resolve(expr.attr);
      // An array attribute matches when any element matches.
      if (Array.isArray(actual)) return actual.some((el) => compareScalar(el, expr.op, expr.value, ci));
      return compareScalar(actual, expr.op, expr.value, ci);
    }
  }
}

/** Parses and validates `src`; returns a predicate. Throws ExpressionError for syntax or rule violations. */
export function compileExpression(src: string, rules: ExprRules): (resolve: Resolver) => boolean {
  const expr = parseExpression(src);
  if (!rules.allowNot && JSON.stringify(expr).includes('"kind":"not"'))
    throw new ExpressionError('not is unsupported here');
  for (const leaf of leaves(expr)) {
    const ops = rules.opsFor(leaf.attr);
    if (!ops) throw new ExpressionError(`attribute ${leaf.attr} cannot be queried`);
    const op = leaf.kind === 'pr' ? 'pr' : leaf.op;
    if (!ops.has(op)) throw new ExpressionError(`operator ${op} is unsupported on ${leaf.attr}`);
  }
  return (resolve) => evaluate(expr, resolve, rules.caseInsensitive);
}

/** Reads a dotted path (`profile.email`, `type.id`) from a plain object. */
export function readPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur == null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

export { ExpressionError };
