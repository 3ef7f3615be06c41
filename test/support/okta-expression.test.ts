// The emulator's filter/search expression parser: strict grammar, JSON string escapes, precedence.
import { describe, expect, it } from 'vitest';
import { ExpressionError, parseExpression } from './okta-emulator/index.js';

describe('okta emulator expression parser', () => {
  it('parses comparisons, presence, and/or precedence and parentheses', () => {
    expect(parseExpression('a eq "1" or b eq "2" and c pr')).toEqual({
      kind: 'or',
      left: { kind: 'cmp', attr: 'a', op: 'eq', value: '1' },
      right: { kind: 'and', left: { kind: 'cmp', attr: 'b', op: 'eq', value: '2' }, right: { kind: 'pr', attr: 'c' } },
    });
    expect(parseExpression('(a eq "1" OR b sw "2") AND c GT 3')).toMatchObject({
      kind: 'and',
      left: { kind: 'or' },
      right: { op: 'gt', value: 3 },
    });
  });

  it('decodes \\" and \\\\ escapes so an injected quote stays inside the literal', () => {
    expect(parseExpression('profile.firstName eq "x\\" or status eq \\"ACTIVE"')).toEqual({
      kind: 'cmp',
      attr: 'profile.firstName',
      op: 'eq',
      value: 'x" or status eq "ACTIVE',
    });
    expect(parseExpression('profile.lastName eq "back\\\\slash"')).toMatchObject({ value: 'back\\slash' });
    expect(parseExpression('a eq "\\u0041"')).toMatchObject({ value: 'A' });
  });

  it.each([
    ['unterminated string', 'a eq "x'],
    ['unescaped quote widening the query', 'a eq "x" or'],
    ['unknown operator', 'a like "x"'],
    ['missing literal', 'a eq'],
    ['bad escape', 'a eq "\\q"'],
    ['raw control character', 'a eq "x\ny"'],
    ['unbalanced parenthesis', '(a eq "x"'],
    ['trailing token', 'a eq "x" "y"'],
    ['empty', '   '],
    ['single quotes', "a eq 'x'"],
  ])('rejects %s', (_name, src) => {
    expect(() => parseExpression(src)).toThrow(ExpressionError);
  });
});
