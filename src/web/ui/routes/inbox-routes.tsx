// /inbox and its decision endpoint: people approve or deny with a comment, through access.approvals.decide as themselves.
import { Hono } from 'hono';
import { z } from 'zod';
import { InvalidInputError } from '../../../core/errors.js';
import type { RequestStatus } from '../../../core/store.js';
import type { AccessRequests } from '../../../governance/requests/index.js';
import { toView } from '../../../governance/requests/request-view.js';
import type { Store } from '../../../core/store.js';
import { safeNext, type WebUiEnv } from '../env.js';
import type { Renderer } from '../render.js';
import { inboxRows } from '../request-access.js';
import { INBOX_FILTERS, InboxPage } from '../views/inbox-page.js';

export interface InboxDeps {
  access: AccessRequests;
  store: Store;
  render: Renderer;
}

const Decision = z.object({
  verdict: z.enum(['approve', 'deny']),
  comment: z.string().trim().max(2000).optional(),
  next: z.string().optional(),
});

const FLASH: Record<string, string> = { approve: 'You approved', deny: 'You denied' };

export function inboxRoutes(deps: InboxDeps): Hono<WebUiEnv> {
  const app = new Hono<WebUiEnv>();
  const { render } = deps;
  app.use('/inbox', render.signedIn);
  app.use('/inbox/*', render.signedIn);

  app.get('/inbox', async (c) => {
    const viewer = c.get('viewer')!;
    const q = c.req.query('status') ?? 'pending';
    const status = (INBOX_FILTERS as readonly string[]).includes(q) ? q : 'pending';
    const rows = await deps.store.listRequests({
      ...(status === 'all' ? {} : { status: status as RequestStatus }),
      limit: 200,
    });
    const routed = await inboxRows(rows, viewer, deps.access);
    const items = await Promise.all(
      routed.map(async ({ row, canDecide }) => ({
        view: toView(row),
        decisions: await deps.store.listApprovals(row.id),
        canDecide,
      })),
    );
    const login = viewer.person.login;
    const [asked, about] = await Promise.all([
      deps.store.listRequests({ requesterPerson: login, limit: 25 }),
      deps.store.listRequests({ subject: login, limit: 25 }),
    ]);
    const mine = [...new Map([...asked, ...about].map((r) => [r.id, r])).values()]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, 25)
      .map(toView);
    const decided = c.req.query('decided');
    const verdict = c.req.query('verdict');
    const flash =
      decided && /^req_[\w-]{1,64}$/.test(decided) && verdict && FLASH[verdict]
        ? `${FLASH[verdict]} ${decided}.`
        : undefined;
    return render.page(
      c,
      'Inbox',
      <InboxPage status={status} items={items} mine={mine} csrf={c.get('session').csrf} flash={flash} />,
    );
  });

  app.post('/inbox/:id/decide', async (c) => {
    const viewer = c.get('viewer')!;
    const parsed = Decision.safeParse(await c.req.parseBody());
    if (!parsed.success) throw new InvalidInputError('Choose Approve or Deny; a comment can be up to 2000 characters.');
    const id = c.req.param('id');
    const { verdict, comment, next } = parsed.data;
    await deps.access.approvals.decide(id, viewer.principal, verdict, comment || undefined);
    const back = safeNext(next);
    const target = back === '/inbox' ? `/inbox?decided=${encodeURIComponent(id)}&verdict=${verdict}` : back;
    return c.redirect(target, 303);
  });
  return app;
}
