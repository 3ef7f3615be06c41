// GET /api/v1/logs: since/until/after/filter/q/limit/sortOrder, with polling (always next) and bounded modes.
import { Hono } from 'hono';
import type { Emu, EmuContext, EmuEnv } from './context.js';
import { oktaError } from './errors.js';
import { compileExpression, ExpressionError, readPath, type ExprRules } from './evaluate.js';
import { paginate, setLinks } from './paging.js';
import type { StoredEvent } from './state.js';

const ALL_OPS = new Set(['eq', 'ne', 'sw', 'co', 'ew', 'gt', 'ge', 'lt', 'le', 'pr']);
const FIELDS = [
  'eventType',
  'target.id',
  'target.type',
  'actor.id',
  'actor.alternateId',
  'outcome.result',
  'client.ipAddress',
  'transaction.detail.requestApiTokenId',
  'severity',
  'uuid',
  'displayMessage',
];
const RULES: ExprRules = {
  caseInsensitive: false,
  allowNot: true,
  opsFor: (a) => (FIELDS.includes(a) ? ALL_OPS : undefined),
};
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;
const DAY = 86_400_000;

const cursorOf = (e: StoredEvent): string => `${e.seq}_1`;
const seqOf = (cursor: string): number => parseInt(cursor, 10) || 0;

/** The LogEvent JSON Okta serves. */
export function toLogEvent(e: StoredEvent): Record<string, unknown> {
  const { seq: _seq, extra, ...core } = e;
  return { ...core, version: '0', legacyEventType: null, ...extra };
}

function resolve(e: StoredEvent) {
  return (attr: string): unknown =>
    attr.startsWith('target.') ? e.target.map((t) => readPath(t, attr.slice(7))) : readPath({ ...e.extra, ...e }, attr);
}

function listLogs(c: EmuContext, emu: Emu): Response {
  const q = c.get('query');
  for (const key of ['since', 'until'] as const) {
    const v = q.get(key);
    if (v !== undefined && !ISO.test(v))
      return oktaError(
        c,
        400,
        'E0000001',
        `${key}: The date format in your query is not recognized. Please enter dates using ISO8601 string format.. 'until' must be an ISO 8601 compliant timestamp.`,
        [`${key}: The date format in your query is not recognized. Please enter dates using ISO8601 string format.`],
      );
  }
  const limitRaw = q.get('limit');
  const limit = limitRaw === undefined ? 100 : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 0 || limit > 1000)
    return oktaError(c, 400, 'E0000001', 'limit: must be between 0 and 1000');
  const descending = q.get('sortOrder') === 'DESCENDING';
  const until = q.get('until') ? Date.parse(q.get('until')!) : Date.now();
  const since = q.get('since') ? Date.parse(q.get('since')!) : until - 7 * DAY;
  let pred: (e: StoredEvent) => boolean = () => true;
  const filter = q.get('filter');
  if (filter !== undefined) {
    try {
      const compiled = compileExpression(filter, RULES);
      pred = (e) => compiled(resolve(e));
    } catch (e) {
      if (e instanceof ExpressionError) return oktaError(c, 400, 'E0000053', filter, [e.message]);
      throw e;
    }
  }
  const words = (q.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (e: StoredEvent) => {
    const t = Date.parse(e.published);
    if (t < since || t >= until + 1) return false;
    if (!pred(e)) return false;
    const text = JSON.stringify(e).toLowerCase();
    return words.every((w) => text.includes(w));
  };
  const after = q.get('after');
  const polling = !q.get('until') && !descending;
  if (polling) {
    // Ordered by persistence; the next link always holds the position so later events appear.
    const from = after ? seqOf(after) : 0;
    const page = emu.state.events.filter((e) => e.seq > from && matches(e)).slice(0, limit);
    const last =
      page.length === limit && page.length > 0 ? page[page.length - 1]!.seq : Math.max(from, emu.state.nextSeq - 1);
    setLinks(c, emu.url, `${last}_1`);
    return c.json(page.map(toLogEvent));
  }
  const dir = descending ? -1 : 1;
  const sorted = emu.state.events
    .filter(matches)
    .sort((a, b) => dir * (a.published.localeCompare(b.published) || a.seq - b.seq));
  const { page, nextAfter } = paginate(sorted, cursorOf, after, Math.max(limit, 1));
  setLinks(c, emu.url, limit === 0 ? undefined : nextAfter);
  return c.json(limit === 0 ? [] : page.map(toLogEvent));
}

/** Routes under /api/v1/logs. */
export function logsRoutes(emu: Emu): Hono<EmuEnv> {
  return new Hono<EmuEnv>().get('/', (c) => listLogs(c, emu));
}
