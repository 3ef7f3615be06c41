// Redaction removes hidden fields wherever they appear, including HR's copies of the same fact under other names.
import { describe, expect, it } from 'vitest';
import { redact } from '../../src/governance/redact.js';

describe('redact', () => {
  it('removes hidden keys at any depth and their aliases', () => {
    const out = redact(
      {
        user: { title: 'CFO', hr: { jobTitle: 'CFO', employeeId: 'E1', department: 'Finance' } },
        list: [{ title: 'x' }],
      },
      ['title', 'employeeNumber'],
    );
    expect(out).toEqual({ user: { hr: { department: 'Finance' } }, list: [{}] });
  });

  it('returns the value untouched when nothing is hidden', () => {
    const v = { title: 'x' };
    expect(redact(v, [])).toBe(v);
  });
});
