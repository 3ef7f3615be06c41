// /api/requests: people list, read, approve and deny access requests. Agents are refused: they never decide.
import { Hono } from 'hono';
import { z } from 'zod';
import {
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  isAppError,
  isUnavailable,
  type AppError,
} from '../../core/errors.js';
import { unavailableResponse } from '../unavailable.js';
import { decisionOf } from '../../governance/requests/request-view.js';
import type { AccessRequestRow } from '../../core/store.js';
import type { Store } from '../../core/store.js';
import { REQUEST_STATUSES } from '../../core/store.js';
import type { AccessRequests } from '../../governance/requests/index.js';
import type { Authenticate } from '../../auth/authenticate.js';
import type { AuditLog } from '../../audit/index.js';
import { bearerAuth, type AuthedEnv } from '../../auth/bearer-middleware.js';

export interface RequestsApiDeps {
  access: AccessRequests;
  store: Store;
  audit: AuditLog;
  authenticate: Authenticate;
}

const STATUS: Record<string, 400 | 401 | 403 | 404 | 409 | 429 | 502> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  upstream_unavailable: 502,
};
const Decision = z.object({ comment: z.string().trim().max(2000).optional() }).strict();

export function requestsApi(deps: RequestsApiDeps): Hono<AuthedEnv> {
  const app = new Hono<AuthedEnv>();
  app.use('/api/requests', bearerAuth(deps.authenticate));
  app.use('/api/requests/*', bearerAuth(deps.authenticate));
  app.onError((err, c) => {
    if (!isAppError(err)) throw err;
    if (isUnavailable(err)) return unavailableResponse(c, err);
    return c.json((err as AppError).toJSON(), STATUS[err.code] ?? 400);
  });
  const personOnly = (c: { get(k: 'principal'): AuthedEnv['Variables']['principal'] }) => {
    const p = c.get('principal');
    if (p.kind !== 'person')
      throw new ForbiddenError('Only people can use the approvals API; agent credentials never approve or deny.', {
        hint: 'Sign in as yourself (a person token) to decide requests.',
      });
    return p;
  };

  app.get('/api/requests', async (c) => {
    const p = personOnly(c);
    const status = c.req.query('status');
    if (status && !(REQUEST_STATUSES as readonly string[]).includes(status))
      throw new InvalidInputError(`status must be one of ${REQUEST_STATUSES.join(', ')}.`);
    const rows = await deps.store.listRequests({ status: (status as never) ?? undefined, limit: 200 });
    const me = p.person!.login.toLowerCase();
    const decidable = await deps.access.approvals.canDecideEach(rows, p);
    const out = [];
    for (const [i, r] of rows.entries()) {
      const canDecide = decidable[i]!;
      const mine = r.requesterPerson?.toLowerCase() === me || r.subject?.toLowerCase() === me;
      if (canDecide || mine) out.push({ ...(await deps.access.requests.get(r.id)), canDecide, mine });
    }
    return c.json({ requests: out });
  });

  app.get('/api/requests/:id', async (c) => {
    const p = personOnly(c);
    const view = await deps.access.requests.get(c.req.param('id'));
    const row = (await deps.store.getRequest(view.id))!;
    const canDecide = await deps.access.approvals.canDecide(row, p);
    // Only the people a request involves (asked, about, routed to, decided) or who may decide it now can read it.
    if (!canDecide && !involves(row, p.person!.login)) throw new NotFoundError(`No access request ${view.id}.`);
    const [approvals, history] = await Promise.all([
      deps.store.listApprovals(view.id),
      deps.audit.query({ requestId: view.id, limit: 100 }),
    ]);
    return c.json({ request: view, approvals, history, canDecide });
  });

  for (const verdict of ['approve', 'deny'] as const) {
    app.post(`/api/requests/:id/${verdict}`, async (c) => {
      // No person check here: decide() refuses agents itself and records the refused attempt in the audit log.
      const p = c.get('principal');
      const body = Decision.safeParse(await c.req.json().catch(() => ({})));
      if (!body.success) throw new InvalidInputError('Body must be JSON like {"comment": "…"}.');
      const view = await deps.access.approvals.decide(c.req.param('id'), p, verdict, body.data.comment);
      return c.json({ request: view });
    });
  }
  return app;
}

/** True when the person asked for the request, is its subject, was named as an approver, or decided it. */
function involves(r: AccessRequestRow, login: string): boolean {
  const me = login.toLowerCase();
  const d = decisionOf(r);
  const named = [...Object.values(d.eligible ?? {}).flat(), ...Object.values(d.progress ?? {}).flat()];
  return [r.requesterPerson, r.subject, ...named].some((x) => x?.toLowerCase() === me);
}
