// tools/list and tools/call for one principal, shared by the SDK server (stdio, in-process) and the stateless HTTP path.
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { PolicyPort } from '../core/policy.js';
import type { Principal } from '../core/principal.js';
import type { Governance } from '../governance/governance.js';
import { toolListing, withoutHiddenFields } from './tool-listing.js';

export interface ToolCallDeps {
  governance: Governance;
  policy: PolicyPort;
}

/** What tools/list shows this principal: the tools its policy lets it call, output schemas without its hidden fields. */
export function listToolsResult(deps: ToolCallDeps, principal: Principal): { tools: Tool[] } {
  const hidden = deps.policy.scopeFor(principal)?.hiddenFields ?? [];
  return {
    tools: deps.governance.listTools(principal).map((t) => {
      const l = toolListing(t);
      return { ...l, outputSchema: withoutHiddenFields(l.outputSchema, hidden) } as Tool;
    }),
  };
}

/** Runs one call through governance; domain failures become `isError` results the model can act on. */
export async function callToolResult(
  deps: ToolCallDeps,
  principal: Principal,
  params: { name: string; arguments?: Record<string, unknown> },
  requestId?: string,
): Promise<CallToolResult> {
  const outcome = await deps.governance.call({
    principal,
    tool: params.name,
    input: params.arguments ?? {},
    requestId,
  });
  if (outcome.ok)
    return { content: [{ type: 'text', text: JSON.stringify(outcome.output) }], structuredContent: outcome.output };
  return { isError: true, content: [{ type: 'text', text: JSON.stringify({ error: outcome.error }) }] };
}
