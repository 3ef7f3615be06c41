// The BambooHR HrPort against the local emulator: mapping, lookups, change feed, retries and errors.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RateLimitedError, UpstreamUnavailableError } from '../../src/core/errors.js';
import { createBambooHr, createHr } from '../../src/hr/index.js';
import { startBambooEmulator, type BambooEmulator } from '../support/bamboohr-emulator.js';

const SEED = [
  {
    id: '100',
    firstName: 'Sam',
    lastName: 'Roe',
    workEmail: 'sam.roe@acme.test',
    department: 'Finance',
    jobTitle: 'Director',
    location: 'NYC',
    supervisorEId: '',
    status: 'Active',
    hireDate: '2015-01-05',
    terminationDate: '',
    customCostCenter: 'CC-1',
  },
  {
    id: '101',
    firstName: 'Dana',
    lastName: 'Lee',
    workEmail: 'dana.lee@acme.test',
    department: 'Finance',
    jobTitle: 'Analyst',
    location: 'NYC',
    supervisorEId: '100',
    status: 'Active',
    hireDate: '2021-03-01',
    terminationDate: '0000-00-00',
    customCostCenter: 'CC-1',
  },
  {
    id: '102',
    firstName: 'Ash',
    lastName: 'Former',
    workEmail: 'ash.former@acme.test',
    department: 'IT',
    jobTitle: 'Engineer',
    location: '',
    supervisorEId: '100',
    status: 'Inactive',
    hireDate: '2019-04-01',
    terminationDate: '2023-12-31',
    customCostCenter: null,
  },
];
const DANA = {
  employeeId: '101',
  firstName: 'Dana',
  lastName: 'Lee',
  workEmail: 'dana.lee@acme.test',
  department: 'Finance',
  jobTitle: 'Analyst',
  location: 'NYC',
  supervisorEmployeeId: '100',
  status: 'Active',
  hireDate: '2021-03-01',
  terminationDate: null,
  costCenter: 'CC-1',
};

let emu: BambooEmulator;
beforeEach(async () => {
  emu = await startBambooEmulator({ employees: SEED });
});
afterEach(async () => {
  await emu.close();
});

const adapter = (extra: Partial<Parameters<typeof createBambooHr>[0]> = {}) =>
  createBambooHr({
    baseUrl: emu.baseUrl,
    apiKey: emu.apiKey,
    costCenterField: 'customCostCenter',
    baseDelayMs: 1,
    ...extra,
  });

describe('createBambooHr', () => {
  it('lists everyone, leavers included, through the custom report as JSON', async () => {
    const list = await adapter().listEmployees();
    expect(list.map((r) => [r.employeeId, r.status, r.terminationDate])).toEqual([
      ['100', 'Active', null],
      ['101', 'Active', null],
      ['102', 'Inactive', '2023-12-31'],
    ]);
    expect(list[1]).toEqual(DANA);
    expect(list[2]).not.toHaveProperty('location');
    expect(list[2]).not.toHaveProperty('costCenter');
    expect(emu.calls).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/reports/custom',
        rawQuery: 'format=JSON&onlyCurrent=false',
        accept: 'application/json',
        contentType: 'application/json',
        status: 200,
      }),
    ]);
  });

  it('gets an employee by id, and null for unknown or non-numeric ids', async () => {
    const hr = adapter();
    expect(await hr.getEmployee('101')).toEqual(DANA);
    expect(emu.calls[0]?.path).toBe('/employees/101');
    expect(await hr.getEmployee('999')).toBeNull();
    const before = emu.calls.length;
    expect(await hr.getEmployee('0')).toBeNull();
    expect(await hr.getEmployee('E101')).toBeNull();
    expect(emu.calls.length).toBe(before);
  });

  it('gets an employee by email through the directory, falling back to the report for leavers', async () => {
    const hr = adapter();
    expect(await hr.getEmployee('Dana.Lee@ACME.test')).toEqual(DANA);
    expect(emu.calls.map((c) => c.path)).toEqual(['/employees/directory', '/employees/101']);
    expect((await hr.getEmployee('ash.former@acme.test'))?.status).toBe('Inactive');
    expect(await hr.getEmployee('nobody@acme.test')).toBeNull();
  });

  it('reports ids changed since an instant, encoding + as %2B', async () => {
    const hr = createHr({ kind: 'bamboohr', baseUrl: emu.baseUrl, apiKey: emu.apiKey });
    const since = '2024-06-01T00:00:00+00:00';
    expect(await hr.changedSince(since)).toEqual([]);
    emu.update('101', { jobTitle: 'Senior Analyst' });
    emu.remove('102');
    expect(await hr.changedSince(since)).toEqual(['101', '102']);
    expect(emu.calls.at(-1)?.rawQuery).toBe('since=2024-06-01T00%3A00%3A00%2B00%3A00');
    expect((await hr.getEmployee('101'))?.jobTitle).toBe('Senior Analyst');
    expect(await hr.getEmployee('102')).toBeNull();
  });

  it('explains a rejected API key without revealing it', async () => {
    const secret = 'sk-super-secret-bamboo-key';
    const err = await adapter({ apiKey: secret })
      .listEmployees()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamUnavailableError);
    expect((err as Error).message).toBe('The BambooHR API key is invalid or lacks permission for this request.');
    expect(JSON.stringify(err)).not.toContain(secret);
    expect(JSON.stringify((err as UpstreamUnavailableError).toJSON())).not.toContain(secret);
    expect(emu.calls).toHaveLength(1);
  });

  it('retries 503s and then succeeds', async () => {
    emu.failNext(503, 2);
    expect(await adapter().listEmployees()).toHaveLength(3);
    expect(emu.calls.map((c) => c.status)).toEqual([503, 503, 200]);
  });

  it('waits as long as Retry-After asks', async () => {
    emu.failNext(429, 1, { retryAfter: '1' });
    const started = Date.now();
    expect(await adapter().getEmployee('101')).toEqual(DANA);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it.each([
    [503, UpstreamUnavailableError, 'upstream_unavailable'],
    [429, RateLimitedError, 'rate_limited'],
  ])('gives up after the retries on %i', async (status, type, code) => {
    emu.failNext(status, 10);
    const err = await adapter({ retries: 2 })
      .listEmployees()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(type);
    expect(err).toMatchObject({ code });
    expect(emu.calls).toHaveLength(3);
  });

  it('fails at once when Retry-After is longer than it will wait', async () => {
    emu.failNext(429, 1, { retryAfter: '120' });
    await expect(adapter({ maxDelayMs: 5_000 }).listEmployees()).rejects.toMatchObject({
      code: 'rate_limited',
      details: { retryAfterSeconds: 120 },
    });
    expect(emu.calls).toHaveLength(1);
  });

  it('refuses a non-JSON (XML) answer instead of misreading it', async () => {
    const xmlFetch: typeof fetch = (url, init) =>
      fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), Accept: 'application/xml' } });
    await expect(adapter({ fetch: xmlFetch }).getEmployee('101')).rejects.toThrow(
      'BambooHR answered in a format other than JSON.',
    );
  });

  it('times out a hung request', async () => {
    const hung: typeof fetch = (_url, init) =>
      new Promise((_r, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    await expect(adapter({ fetch: hung, timeoutMs: 50, retries: 1 }).listEmployees()).rejects.toThrow(
      'BambooHR did not answer within 50 ms.',
    );
  });
});

describe('BambooHR emulator strictness (so the tests above mean something)', () => {
  const auth = () => ({ Authorization: `Basic ${Buffer.from(`${emu.apiKey}:x`).toString('base64')}` });

  it('answers XML, never JSON, when JSON is not asked for', async () => {
    const res = await fetch(`${emu.baseUrl}/employees/101?fields=firstName`, { headers: auth() });
    expect(res.headers.get('content-type')).toMatch(/xml/);
    expect(await res.text()).toContain('<firstName>Dana</firstName>');
  });

  it('rejects a custom report whose Content-Type is not exactly application/json', async () => {
    const res = await fetch(`${emu.baseUrl}/reports/custom?format=JSON`, {
      method: 'POST',
      headers: { ...auth(), Accept: 'application/json', 'Content-Type': 'application/json; charset=utf-8' },
      body: '{"fields":["id"]}',
    });
    expect(res.status).toBe(415);
  });

  it('rejects an unencoded + in since', async () => {
    const res = await fetch(`${emu.baseUrl}/employees/changed?since=2024-06-01T00:00:00+00:00`, {
      headers: { ...auth(), Accept: 'application/json' },
    });
    expect(res.status).toBe(400);
  });
});
