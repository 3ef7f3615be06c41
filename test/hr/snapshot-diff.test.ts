// diffHrSnapshots: joiners, leavers and movers between two HR snapshots.
import { describe, expect, it } from 'vitest';
import type { HrRecord } from '../../src/core/hr.js';
import { diffHrSnapshots } from '../../src/hr/snapshot-diff.js';

const rec = (id: string, extra: Partial<HrRecord> = {}): HrRecord => ({
  employeeId: id,
  firstName: 'F' + id,
  lastName: 'L',
  workEmail: `${id}@acme.test`,
  status: 'Active',
  ...extra,
});

describe('diffHrSnapshots', () => {
  it('reports added, removed and changed employees with from/to per field', () => {
    const before = [rec('1', { department: 'Sales' }), rec('2'), rec('3', { jobTitle: 'Analyst' })];
    const after = [rec('3', { jobTitle: 'Lead', costCenter: 'CC-1' }), rec('1', { department: 'Sales' }), rec('4')];
    expect(diffHrSnapshots(before, after)).toEqual({
      added: [rec('4')],
      removed: [rec('2')],
      changed: [
        {
          employeeId: '3',
          fields: { jobTitle: { from: 'Analyst', to: 'Lead' }, costCenter: { from: null, to: 'CC-1' } },
        },
      ],
    });
  });

  it('sees a leaver as a status and termination date change', () => {
    const { changed } = diffHrSnapshots(
      [rec('1', { terminationDate: null })],
      [rec('1', { status: 'Inactive', terminationDate: '2024-06-30' })],
    );
    expect(changed).toEqual([
      {
        employeeId: '1',
        fields: { status: { from: 'Active', to: 'Inactive' }, terminationDate: { from: null, to: '2024-06-30' } },
      },
    ]);
  });

  it.each([
    ['undefined vs null', { terminationDate: undefined }, { terminationDate: null }],
    ['missing vs empty string', {}, { department: '' }],
  ])('treats %s as no change', (_name, a, b) => {
    expect(diffHrSnapshots([rec('1', a)], [rec('1', b)])).toEqual({ added: [], removed: [], changed: [] });
  });

  it('reports an email case change (the directory may match on it)', () => {
    const { changed } = diffHrSnapshots([rec('1')], [rec('1', { workEmail: '1@ACME.test' })]);
    expect(changed[0]?.fields.workEmail).toEqual({ from: '1@acme.test', to: '1@ACME.test' });
  });
});
