// A small BambooHR REST emulator (Hono on 127.0.0.1) with mutable state, fault injection and a call log.
import { serve, type ServerType } from '@hono/node-server';
import { Hono, type Context } from 'hono';

/** An employee as BambooHR stores it: every value a string. `id` is required. */
export type BambooSeed = { id: string } & Record<string, string | null | undefined>;

export interface EmulatorCall {
  method: string;
  /** Path below the company's `/v1` base, e.g. `/employees/changed`. */
  path: string;
  /** The raw query string as sent (to check encoding, e.g. `%2B`). */
  rawQuery: string;
  accept: string | null;
  contentType: string | null;
  status?: number;
}

export interface BambooEmulator {
  /** Pass this as the adapter's baseUrl. */
  baseUrl: string;
  apiKey: string;
  calls: EmulatorCall[];
  /** Changes fields and bumps lastChanged (action Updated). */
  update(id: string, patch: Record<string, string | null>): void;
  add(employee: BambooSeed): void;
  /** Deletes the employee; the changed feed reports it as Deleted. */
  remove(id: string): void;
  /** The next `times` requests fail with `status` (after logging, before auth). */
  failNext(status: number, times?: number, opts?: { retryAfter?: string }): void;
  close(): Promise<void>;
}

interface Row {
  fields: Record<string, string>;
  lastChanged: string;
  action: 'Inserted' | 'Updated' | 'Deleted';
}

const fmt = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, '+00:00');

/** Starts the emulator on a random port. */
export async function startBambooEmulator(
  opts: { apiKey?: string; company?: string; employees?: BambooSeed[]; now?: () => Date } = {},
): Promise<BambooEmulator> {
  const { apiKey = 'test-bamboo-key', company = 'acme', employees = [], now = () => new Date() } = opts;
  const rows = new Map<string, Row>();
  const calls: EmulatorCall[] = [];
  const faults: { status: number; retryAfter?: string }[] = [];
  const strings = (e: Record<string, string | null | undefined>) =>
    Object.fromEntries(Object.entries(e).map(([k, v]) => [k, v ?? '']));
  for (const e of employees)
    rows.set(e.id, { fields: strings(e), lastChanged: '2024-01-01T00:00:00+00:00', action: 'Inserted' });
  const live = () => [...rows.values()].filter((r) => r.action !== 'Deleted').map((r) => r.fields);
  const base = `/api/gateway.php/${company}/v1`;

  const app = new Hono().basePath(base);
  app.use('*', async (c, next) => {
    const url = new URL(c.req.url);
    const call: EmulatorCall = {
      method: c.req.method,
      path: url.pathname.slice(base.length),
      rawQuery: url.search.slice(1),
      accept: c.req.header('accept') ?? null,
      contentType: c.req.header('content-type') ?? null,
    };
    calls.push(call);
    const fault = faults.shift();
    if (fault) {
      call.status = fault.status;
      return c.json(
        { error: 'injected fault' },
        fault.status as 500,
        fault.retryAfter ? { 'Retry-After': fault.retryAfter } : {},
      );
    }
    const [scheme, token] = (c.req.header('authorization') ?? '').split(' ');
    const key = scheme === 'Basic' && token ? Buffer.from(token, 'base64').toString('utf8').split(':')[0] : undefined;
    if (key !== apiKey) {
      call.status = 401;
      return c.text('Unauthorized', 401, { 'WWW-Authenticate': 'Basic realm="BambooHR"' });
    }
    await next();
    call.status = c.res.status;
  });

  app.get('/employees/directory', (c) => {
    const list = live()
      .filter((e) => e.status === 'Active')
      .map((e) => {
        const sup = e.supervisorEId ? rows.get(e.supervisorEId)?.fields : undefined;
        return {
          id: e.id,
          displayName: `${e.firstName} ${e.lastName}`,
          firstName: e.firstName,
          lastName: e.lastName,
          jobTitle: e.jobTitle ?? null,
          workEmail: e.workEmail ?? null,
          department: e.department ?? null,
          location: e.location ?? null,
          supervisor: sup ? `${sup.firstName} ${sup.lastName}` : null,
        };
      });
    return reply(c, {
      fields: [
        { id: 'displayName', type: 'text', name: 'Display name' },
        { id: 'workEmail', type: 'email', name: 'Work Email' },
      ],
      employees: list,
    });
  });

  app.get('/employees/changed', (c) => {
    const since = c.req.query('since') ?? '';
    // An unencoded `+` arrives as a space: BambooHR rejects that as a bad date, and so do we.
    const t = since.includes(' ') ? NaN : Date.parse(since);
    if (Number.isNaN(t)) return c.text('Invalid since parameter', 400);
    const type = c.req.query('type')?.toLowerCase();
    const out: Record<string, { id: string; action: string; lastChanged: string }> = {};
    for (const [id, r] of rows) {
      if (Date.parse(r.lastChanged) >= t && (!type || r.action.toLowerCase() === type))
        out[id] = { id, action: r.action, lastChanged: r.lastChanged };
    }
    return reply(c, { latest: fmt(now()), employees: Object.keys(out).length ? out : [] });
  });

  app.get('/employees/:id', (c) => {
    const row = rows.get(c.req.param('id'));
    if (!row || row.action === 'Deleted') return c.text('Not found', 404);
    const wanted = (c.req.query('fields') ?? 'firstName,lastName').split(',').filter(Boolean);
    return reply(c, {
      id: row.fields.id,
      ...Object.fromEntries(wanted.filter((f) => f !== 'id').map((f) => [f, row.fields[f] ?? null])),
    });
  });

  app.post('/reports/custom', async (c) => {
    if (c.req.header('content-type') !== 'application/json')
      return c.text('Content-Type must be application/json', 415);
    let body: { title?: string; fields?: unknown };
    try {
      body = await c.req.json();
    } catch {
      return c.text('Malformed JSON', 400);
    }
    if (!Array.isArray(body.fields) || body.fields.length > 400)
      return c.text('fields must be an array of at most 400 names', 400);
    const known = new Set(live().flatMap((e) => Object.keys(e)));
    // Like BambooHR: unknown field names are dropped without a word.
    const fields = (body.fields as unknown[]).map(String).filter((f) => f === 'id' || known.has(f));
    const list = live().map((e) => Object.fromEntries(fields.map((f) => [f, e[f] ?? null])));
    const data = {
      title: body.title ?? '',
      fields: fields.map((f) => ({ id: f, type: 'text', name: f })),
      employees: list,
    };
    return c.req.query('format')?.toUpperCase() === 'JSON' ? reply(c, data) : xml(c, data);
  });

  const { server, port } = await listen(app);
  const touch = (r: Row, action: Row['action']) => {
    r.lastChanged = fmt(now());
    r.action = action;
  };
  return {
    baseUrl: `http://127.0.0.1:${port}${base}`,
    apiKey,
    calls,
    update(id, patch) {
      const r = rows.get(id);
      if (!r) throw new Error(`emulator: no employee ${id}`);
      Object.assign(r.fields, strings(patch));
      touch(r, 'Updated');
    },
    add(e) {
      const r: Row = { fields: strings(e), lastChanged: '', action: 'Inserted' };
      rows.set(e.id, r);
      touch(r, 'Inserted');
    },
    remove(id) {
      const r = rows.get(id);
      if (r) touch(r, 'Deleted');
    },
    failNext(status, times = 1, o = {}) {
      for (let i = 0; i < times; i++) faults.push({ status, retryAfter: o.retryAfter });
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

/** JSON only when asked for it; otherwise a minimal XML rendering, as BambooHR defaults to XML. */
function reply(c: Context, data: unknown) {
  return (c.req.header('accept') ?? '').includes('application/json') ? c.json(data) : xml(c, data);
}

function xml(c: Context, data: unknown) {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const node = (name: string, v: unknown): string =>
    Array.isArray(v)
      ? v.map((x) => node(name.replace(/s$/, ''), x)).join('')
      : v && typeof v === 'object'
        ? `<${name}>${Object.entries(v)
            .map(([k, x]) => node(k, x))
            .join('')}</${name}>`
        : `<${name}>${esc(String(v ?? ''))}</${name}>`;
  return c.body(`<?xml version="1.0"?>${node('response', data)}`, 200, { 'Content-Type': 'text/xml; charset=utf-8' });
}

function listen(app: Hono<any, any, any>): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
      resolve({ server, port: info.port }),
    );
  });
}
