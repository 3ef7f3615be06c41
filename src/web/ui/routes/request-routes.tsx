// /requests/:id: the full story as a page, or the request's status as JSON (what the chat's request cards poll).
import { Hono } from 'hono';
import type { AuditLog } from '../../../audit/index.js';
import type { Store } from '../../../core/store.js';
import type { AccessRequests } from '../../../governance/requests/index.js';
import { toView } from '../../../governance/requests/request-view.js';
import type { WebUiEnv } from '../env.js';
import { wantsJson, type Renderer } from '../render.js';
import { mayView } from '../request-access.js';
import { RequestPage } from '../views/request-page.js';
import { FINAL_STATUSES, statusLabel } from '../views/request-card.js';

export interface RequestRoutesDeps {
  access: AccessRequests;
  store: Store;
  audit: AuditLog;
  render: Renderer;
}

export function requestRoutes(deps: RequestRoutesDeps): Hono<WebUiEnv> {
  const app = new Hono<WebUiEnv>();
  const { render } = deps;
  app.use('/requests/*', render.signedIn);

  app.get('/requests/:id', async (c) => {
    const viewer = c.get('viewer')!;
    const id = c.req.param('id');
    const row = /^req_[\w-]{1,64}$/.test(id) ? await deps.store.getRequest(id) : null;
    // Requests the viewer may not see look exactly like requests that do not exist.
    if (!row || !(await mayView(row, viewer, deps.access))) {
      if (wantsJson(c))
        return c.json({ error: { code: 'not_found', message: `No request ${id} that you can see.` } }, 404);
      return render.message(c, 404, 'Request not found', `There is no request ${id} that you can see.`);
    }
    const view = toView(row);
    if (wantsJson(c)) {
      c.header('Cache-Control', 'no-store');
      return c.json({
        id: view.id,
        status: view.status,
        statusLabel: statusLabel(view.status),
        final: FINAL_STATUSES.includes(view.status),
        summary: view.summary,
        updatedAt: row.updatedAt,
      });
    }
    const [decisions, history, canDecide] = await Promise.all([
      deps.store.listApprovals(id),
      deps.audit.query({ requestId: id, limit: 500 }),
      deps.access.approvals.canDecide(row, viewer.principal),
    ]);
    return render.page(
      c,
      `Request ${view.summary}`,
      <RequestPage
        view={view}
        decisions={decisions}
        history={history}
        canDecide={canDecide}
        csrf={c.get('session').csrf}
      />,
    );
  });
  return app;
}
