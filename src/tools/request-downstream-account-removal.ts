// request_downstream_account_removal: an account in a connected app that matches no person (a reconcile orphan) —
// filed as an access request that people approve; only the app changes, never the directory.
import { z } from 'zod';
import { ConflictError, InvalidInputError, NotFoundError } from '../core/errors.js';
import type { Change } from '../core/requests.js';
import { defineTool, type ToolContext } from '../core/tool.js';
import { requireReason } from './shared/reason.js';
import { MUTATION_NOTE, RequestOut, reasonInput, requestOut, requestsOf } from './shared/request-schemas.js';
import { requireResource } from './shared/resolve-resource.js';

const TOOL = 'request_downstream_account_removal';

export const requestDownstreamAccountRemoval = defineTool({
  name: TOOL,
  title: 'Request removing an orphan account in a connected app',
  description:
    'Ask for an account in a connected app (SCIM, e.g. Jira) that matches no person in the directory — an orphan in the ' +
    "reconcile report — to be deactivated or deleted in that app (the app's connector decides which; the diff says). " +
    'Nothing changes in the directory. The account is read from the app before filing, and again before approval and ' +
    'execution. For an account that belongs to a person (including people who left) use request_app_removal for that ' +
    `person instead. ${MUTATION_NOTE}`,
  toolset: 'access-requests',
  mutating: true,
  annotations: { destructiveHint: true, idempotentHint: false, openWorldHint: false },
  input: z
    .object({
      app: z.string().trim().min(1).max(200).describe('The connected app, by directory name or label, e.g. Jira'),
      account: z
        .string()
        .trim()
        .min(1)
        .max(300)
        .describe("The account's userName in the app, or its id there (both are in the reconcile report)"),
      reason: reasonInput,
    })
    .strict(),
  output: RequestOut,
  async handler(input, ctx) {
    const requests = requestsOf(ctx);
    // Before the app is read: an agent naming no person, or a reason with a credential, learns nothing about accounts.
    requests.precheck({ principal: ctx.principal, reason: input.reason });
    const change = await orphanChange(ctx, input.app, input.account);
    const view = await requests.create({
      principal: ctx.principal,
      scope: ctx.scope,
      tool: TOOL,
      change,
      subject: { id: change.userId, login: change.userLogin },
      reason: requireReason(input.reason),
    });
    return requestOut(view);
  },
});

/** The app (in the directory, with a connector) and the account (read live, matching no person) as a change. */
async function orphanChange(ctx: ToolContext, appName: string, account: string): Promise<Change> {
  const finder = ctx.downstreamAccounts;
  const r = await requireResource(ctx, appName, 'app');
  if (r.kind !== 'app') throw new InvalidInputError(`${appName} is not an app.`);
  const connector = finder?.connectorFor({ label: r.app.label, name: r.app.name });
  if (!finder || !connector)
    throw new InvalidInputError(`${r.app.label} is not a connected app: Warden cannot reach its accounts.`, {
      hint: 'Connected apps are listed in the connectors file (`warden connectors check`). For a person, use request_app_removal.',
    });
  const found = await finder.find(connector.app, account);
  if (!found)
    throw new NotFoundError(`${connector.app} has no account "${account}".`, {
      hint: 'Use the userName or id from `warden connectors reconcile`; it may already have been removed.',
    });
  const a = found.account;
  if (found.person) {
    // Named only when the caller may see them; the request tool for a person is request_app_removal either way.
    const visible = await ctx.directory.getUser(found.person.id);
    throw new ConflictError(
      `The ${connector.app} account ${a.userName} belongs to a person in the directory${visible ? ` (${visible.login})` : ''}, so it is not an orphan.`,
      {
        hint: `Use request_app_removal${visible ? ` with user=${visible.login}` : ''} and app=${connector.app}.`,
        details: { suggestedTool: 'request_app_removal' },
      },
    );
  }
  return {
    kind: 'downstream_account_remove',
    userId: `account:${connector.app}:${a.id}`,
    userLogin: a.userName,
    userName: a.displayName ?? a.userName,
    appId: r.app.id,
    appName: r.app.name,
    appLabel: r.app.label,
    connectorApp: connector.app,
    accountId: a.id,
    accountUserName: a.userName,
    mode: connector.deprovision,
  };
}
