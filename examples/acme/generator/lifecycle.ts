// Hire dates, statuses, HR drift and login history: who is staged, suspended, gone, or quietly out of sync.
import { isReserved, type Cast } from './cast.js';
import { INJECTION_TITLE } from './org-chart.js';
import type { Kind, Person } from './people.js';
import { DAY, HOUR, MINUTE, NOW, day, type Rng } from './prng.js';

/** How many people get each unusual lifecycle, drawn from people nothing else depends on. */
const COUNTS: readonly (readonly [Kind, number])[] = [
  ['hrTerminated', 4],
  ['deprovisioned', 5],
  ['suspended', 4],
  ['staged', 3],
  ['provisioned', 2],
  ['lockedOut', 1],
  ['recentHire', 10],
  ['neverLoggedIn', 3],
  ['dormant', 8],
];

/** Days before NOW that the HR-terminated-but-active people left (one still logged in afterwards). */
const HR_TERMINATED_DAYS_AGO = [4, 11, 23, 41];
/** Days before NOW that the deprovisioned people left: three inside the System Log window, two before it. */
const DEPROVISIONED_DAYS_AGO = [9, 27, 48, 130, 265];

/** Mondays, as HR would set them. */
const monday = (ms: number): number => ms + ((8 - new Date(ms).getUTCDay()) % 7) * DAY;

export function applyLifecycle(people: Person[], cast: Cast, rng: Rng): void {
  for (const p of people) p.hireDate = monday(baseHireDate(p, rng));

  // Draw every unusual case from one shuffled pool so no one gets two.
  let pool = rng.shuffle(people.filter((p) => !isReserved(p, cast)));
  const draw = (kind: Kind, n: number, fits: (p: Person) => boolean = () => true): Person[] => {
    const chosen = pool.filter(fits).slice(0, n);
    if (chosen.length < n) throw new Error(`not enough people for ${kind}`);
    pool = pool.filter((p) => !chosen.includes(p));
    for (const p of chosen) p.kind = kind;
    return chosen;
  };

  // HR knows about a transfer and a promotion the directory has not caught up with.
  const [transfer] = draw('hrAttrDrift', 1, (p) => p.title === 'Software Engineer');
  transfer!.hr = { ...transfer!.hr, department: 'Product', title: 'Technical Program Manager' };
  const [promotion] = draw('hrAttrDrift', 1, (p) => p.title === 'Account Executive');
  promotion!.hr = { ...promotion!.hr, title: 'Senior Account Executive' };

  const longServing = (p: Person) => p.hireDate < NOW - 420 * DAY;
  for (const [kind, n] of COUNTS)
    draw(kind, n, kind === 'dormant' || kind === 'hrTerminated' ? longServing : undefined);

  const byKind = (kind: Kind) => people.filter((p) => p.kind === kind);
  byKind('hrTerminated').forEach((p, i) => (p.hr.terminationDate = NOW - HR_TERMINATED_DAYS_AGO[i]! * DAY));
  byKind('deprovisioned').forEach((p, i) => (p.hr.terminationDate = NOW - DEPROVISIONED_DAYS_AGO[i]! * DAY));
  for (const p of people) {
    if (p.hr.terminationDate !== null) p.hr.status = 'Inactive';
    if (p.kind === 'recentHire') p.hireDate = monday(NOW - rng.int(10, 45) * DAY);
    if (p.kind === 'provisioned') p.hireDate = monday(NOW - 7 * DAY);
    if (p.kind === 'staged') p.hireDate = monday(NOW + rng.int(3, 30) * DAY);
    setDates(p, rng);
  }

  cast.injection.title = INJECTION_TITLE;
  cast.injection.hr.title = INJECTION_TITLE;

  // Employee numbers follow hire order, as an HR system would issue them.
  const byHire = [...people].sort((a, b) => a.hireDate - b.hireDate || a.idx - b.idx);
  byHire.forEach((p, i) => (p.employeeNumber = `E${10001 + i}`));
}

function baseHireDate(p: Person, rng: Rng): number {
  if (p.level === 'ceo') return day('2016-02-01');
  if (p.level === 'head') return rng.between(day('2016-03-01'), day('2022-06-01'));
  if (p.level === 'manager') return rng.between(day('2016-09-01'), day('2024-09-01'));
  return rng.between(day('2018-01-01'), NOW - 80 * DAY);
}

/** A sign-in some time after `after`, mostly in the last ten days. */
function recentLogin(after: number, rng: Rng): number {
  return rng.between(Math.max(after + HOUR, NOW - 10 * DAY), NOW - MINUTE);
}

/** Okta's timestamps for a person, consistent with their kind. */
function setDates(p: Person, rng: Rng): void {
  const startOfDay = (ms: number) => Math.floor(ms / DAY) * DAY;
  const hired = startOfDay(p.hireDate);
  p.created = rng.between(hired - 14 * DAY + 15 * HOUR, hired - 3 * DAY + 23 * HOUR);
  p.activated = rng.between(hired + 13 * HOUR, hired + 16 * HOUR);
  p.statusChanged = p.activated;
  p.lastLogin = p.kind === 'staged' ? null : recentLogin(p.activated, rng);
  p.status = 'ACTIVE';

  switch (p.kind) {
    case 'staged':
      p.created = rng.between(NOW - 12 * DAY, NOW - 2 * DAY);
      p.status = 'STAGED';
      p.activated = p.statusChanged = p.lastLogin = null;
      break;
    case 'provisioned':
      p.status = 'PROVISIONED';
      p.lastLogin = null;
      break;
    case 'suspended': {
      p.status = 'SUSPENDED';
      p.statusChanged = rng.between(NOW - 50 * DAY, NOW - 3 * DAY);
      p.lastLogin = rng.between(p.statusChanged - 6 * DAY, p.statusChanged - HOUR);
      break;
    }
    case 'deprovisioned': {
      p.status = 'DEPROVISIONED';
      p.statusChanged = startOfDay(p.hr.terminationDate!) + rng.between(17 * HOUR, 19 * HOUR);
      p.lastLogin = rng.between(p.statusChanged - 3 * DAY, p.statusChanged - 4 * HOUR);
      break;
    }
    case 'lockedOut':
      p.status = 'LOCKED_OUT';
      p.statusChanged = rng.between(NOW - 2 * DAY, NOW - 3 * HOUR);
      p.lastLogin = rng.between(p.statusChanged - 4 * DAY, p.statusChanged - 2 * HOUR);
      break;
    case 'hrTerminated': {
      // Still ACTIVE in the directory; all but the last stopped signing in when they left.
      const left = p.hr.terminationDate!;
      p.lastLogin = rng.between(left - 2 * DAY, left + 17 * HOUR);
      if (left === NOW - 41 * DAY) p.lastLogin = rng.between(left + 2 * DAY, left + 3 * DAY);
      break;
    }
    case 'neverLoggedIn':
      p.lastLogin = null;
      break;
    case 'dormant':
      p.lastLogin = rng.between(NOW - rng.int(95, 400) * DAY, NOW - 92 * DAY);
      break;
    default:
      break;
  }
  const touched = [p.created, p.activated ?? 0, p.statusChanged ?? 0];
  // About half the profiles were edited later (title changes, manager moves).
  if (p.activated !== null && p.kind === 'regular' && rng.chance(0.5))
    touched.push(rng.between(p.activated, NOW - DAY));
  p.lastUpdated = Math.max(...touched);
}
