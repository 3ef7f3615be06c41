// Downstream app accounts as tools show them: from the last reconcile (never a live call to an app), with when it was read.
import { z } from 'zod';
import type { DownstreamAccess, DownstreamAccessReader } from '../../core/connectors.js';
import type { ToolContext } from '../../core/tool.js';

export const DownstreamAccountOut = z.object({
  app: z.string().describe('The connected app (SCIM), e.g. Jira'),
  userName: z.string(),
  active: z.boolean(),
  groups: z.array(z.string()).describe("The account's groups in the app"),
  seenAt: z.string().describe('When the last reconcile read it: older than a day may be stale'),
});

/** The person's accounts in connected apps at the last reconcile; empty when no app is connected. */
export async function downstreamAccountsOf(
  ctx: ToolContext,
  u: { id: string; login: string },
): Promise<DownstreamAccess[]> {
  const reader = ctx.downstreamAccess;
  return reader ? reader.accountsOf(u) : [];
}
