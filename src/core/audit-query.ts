// One audit query for every surface (/audit, `warden audit query`, the query_audit tool): time words, sign-ins, targets.
import type { AuditFilter, AuditRecord } from './audit.js';
import { InvalidInputError } from './errors.js';

/** Session records: many and rarely what an investigation is about, so they are hidden unless asked for. */
export const SIGN_IN_ACTIONS = ['web.signed-in', 'web.signed-out'] as const;

export interface AuditQuery {
  /** A person, group or app: login, id, name, a word of the name, or `type:handle`. */
  target?: string;
  /** The person who acted: login or directory id. */
  actor?: string;
  /** The client that acted (e.g. claude-desktop, warden-web). */
  client?: string;
  action?: string;
  tool?: string;
  outcome?: string;
  requestId?: string;
  /** `30d`, `12h`, `45m`, `2w`, or an ISO date/time. */
  since?: string;
  until?: string;
  includeSignIns?: boolean;
}

const RELATIVE = /^(\d{1,5})\s*(m|min|h|d|w)$/i;
const UNIT_MS: Record<string, number> = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `30d` (thirty days before now), or an ISO date or date-time (UTC unless it says otherwise), as an ISO instant. */
export function parseWhen(value: string, name: string, now: number = Date.now()): string {
  const v = value.trim();
  const rel = RELATIVE.exec(v);
  if (rel) return new Date(now - Number(rel[1]) * UNIT_MS[rel[2]!.toLowerCase()]!).toISOString();
  const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v)
    ? Date.parse(/T.*(Z|[+-]\d{2}:?\d{2})$/.test(v) || !v.includes('T') ? v : `${v}Z`)
    : NaN;
  if (Number.isNaN(iso))
    throw new InvalidInputError(
      `${name} must be a duration like 30d, 12h or 45m, or an ISO time like 2026-11-01T00:00:00Z (got ${JSON.stringify(value)}).`,
    );
  return new Date(iso).toISOString();
}

/** The store filter for a query (newest first). */
export function toAuditFilter(
  q: AuditQuery,
  opts: { now?: number; limit?: number; beforeSeq?: number } = {},
): AuditFilter {
  const text = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);
  const filter: AuditFilter = { order: 'desc', limit: opts.limit };
  const target = text(q.target);
  if (target) filter.target = target;
  const actor = text(q.actor);
  if (actor) filter.actorPerson = actor;
  const client = text(q.client);
  if (client) filter.actorClient = client;
  for (const k of ['action', 'tool', 'outcome', 'requestId'] as const) {
    const v = text(q[k]);
    if (v) filter[k] = v;
  }
  if (text(q.since)) filter.since = parseWhen(q.since!, 'since', opts.now);
  if (text(q.until)) filter.until = parseWhen(q.until!, 'until', opts.now);
  // Asking for a sign-in action by name shows it; otherwise sign-ins stay out unless included.
  if (!q.includeSignIns && !(SIGN_IN_ACTIONS as readonly string[]).includes(filter.action ?? ''))
    filter.excludeActions = SIGN_IN_ACTIONS;
  if (opts.beforeSeq) filter.beforeSeq = opts.beforeSeq;
  return filter;
}

/** What a record touched, in a few words: its target, or the first of its targets and how many more. */
export function targetSummary(r: Pick<AuditRecord, 'target' | 'targets'>): string {
  const ts = r.targets ?? [];
  const first = ts[0];
  if (!first) return r.target ?? '';
  const name = first.login ?? first.name ?? first.id ?? '';
  const head = `${first.type}:${name}`;
  return ts.length > 1 ? `${head} +${ts.length - 1}` : r.target && r.target !== head ? `${r.target}, ${head}` : head;
}

/** Who acted, in a few words: the person's login when there is one, else the client. */
export const actorSummary = (r: Pick<AuditRecord, 'actor'>): string => r.actor.person?.login ?? r.actor.clientId;
