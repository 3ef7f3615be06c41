// The one classifier of driver errors: outages become `unavailable` with a cause a person can act on; everything else passes through.
import { describe, expect, it } from 'vitest';
import { createAvailability } from '../../src/store/availability.js';
import { classifyStoreError } from '../../src/store/store-errors.js';

const err = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});

describe('classifyStoreError', () => {
  it.each([
    [
      'terminated by pg_terminate_backend',
      err('terminating connection due to administrator command', '57P01'),
      /lost its connection/,
      false,
    ],
    [
      'server starting or stopping',
      err('the database system is shutting down', '57P03'),
      /starting up or shutting down/,
      true,
    ],
    ['connection refused', err('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'), /cannot reach/, true],
    [
      'several addresses refused',
      Object.assign(new AggregateError([err('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''), {}),
      /cannot reach/,
      true,
    ],
    ['connection reset', err('read ECONNRESET', 'ECONNRESET'), /lost its connection/, false],
    ['connection exception class 08', err('connection failure', '08006'), /lost its connection/, false],
    ['socket closed under a query', err('Connection terminated unexpectedly'), /lost its connection/, false],
    ['pool connect timeout', err('timeout exceeded when trying to connect'), /could not connect .* in time/, true],
    [
      'client connect timeout',
      err('Connection terminated due to connection timeout'),
      /could not connect .* in time/,
      true,
    ],
    [
      'statement timeout',
      err('canceling statement due to statement timeout', '57014'),
      /did not answer in time/,
      false,
    ],
    ['client query timeout', err('Query read timeout'), /did not answer in time/, true],
    ['standby', err('cannot execute INSERT in a read-only transaction', '25006'), /read-only/, false],
    ['server disk full', err('could not extend file', '53100'), /disk .* is full/, false],
    ['sqlite busy', err('database is locked', 'SQLITE_BUSY'), /locked by another process/, false],
    ['sqlite busy snapshot', err('database is locked', 'SQLITE_BUSY_SNAPSHOT'), /locked/, false],
    ['sqlite read-only', err('attempt to write a readonly database', 'SQLITE_READONLY'), /read-only/, false],
    ['sqlite full', err('database or disk is full', 'SQLITE_FULL'), /disk holding the database is full/, false],
    ['sqlite I/O', err('disk I/O error', 'SQLITE_IOERR_WRITE'), /I\/O error/, false],
    ['sqlite cannot open', err('unable to open database file', 'SQLITE_CANTOPEN'), /cannot be opened/, false],
  ])('%s → unavailable', (_what, e, message, unreachable) => {
    const f = classifyStoreError(e)!;
    expect(f.error.code).toBe('unavailable');
    expect(f.error.message).toMatch(message);
    expect(f.error.details!.retryAfterSeconds).toBeGreaterThan(0);
    expect(f.unreachable).toBe(unreachable);
    expect(JSON.stringify(f.error.toJSON())).not.toMatch(/127\.0\.0\.1|ECONN|SQLITE_|57P0/); // the cause stays in the logs
  });

  it.each([
    ['unique violation', err('duplicate key value violates unique constraint', '23505')],
    ['sqlite constraint', err('UNIQUE constraint failed: jobs.dedupe_key', 'SQLITE_CONSTRAINT_UNIQUE')],
    ['syntax error', err('syntax error at or near "SELEC"', '42601')],
    ['a bug', new TypeError('x is not a function')],
  ])('%s passes through', (_what, e) => {
    expect(classifyStoreError(e)).toBeUndefined();
  });
});

describe('availability', () => {
  it('reports each change once, fails fast while unreachable, and lets one probe through after the pause', async () => {
    let t = 0;
    const changes: boolean[] = [];
    const a = createAvailability({ failFastMs: 1000, now: () => t, onChange: (c) => changes.push(c.available) });
    const refused = () => Promise.reject(err('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'));
    let tried = 0;
    const counted = () => {
      tried++;
      return refused();
    };
    await expect(a.guard(counted)).rejects.toMatchObject({ code: 'unavailable' });
    await expect(a.guard(counted)).rejects.toMatchObject({ code: 'unavailable' }); // within the pause: not tried
    expect(tried).toBe(1);
    t = 1500;
    let release!: () => void;
    const probe = a.guard(() => new Promise<string>((r) => (release = () => r('up'))));
    await expect(a.guard(counted)).rejects.toMatchObject({ code: 'unavailable' }); // one probe at a time
    expect(tried).toBe(1);
    release();
    expect(await probe).toBe('up');
    expect(await a.guard(async () => 'again')).toBe('again');
    expect(changes).toEqual([false, true]);
    expect(a.available).toBe(true);
  });

  it('a constraint error means the database answered', async () => {
    const changes: boolean[] = [];
    const a = createAvailability({ onChange: (c) => changes.push(c.available) });
    await expect(a.guard(() => Promise.reject(err('Connection terminated unexpectedly')))).rejects.toMatchObject({
      code: 'unavailable',
    });
    await expect(a.guard(() => Promise.reject(err('duplicate key', '23505')))).rejects.toMatchObject({ code: '23505' });
    expect(changes).toEqual([false, true]);
  });
});
