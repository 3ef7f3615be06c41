// Warden's tools for one turn, reached through an MCP client as `helpdesk-assistant` acting for the person; offered to the model as functions.
import type { PersonRef } from '../core/principal.js';
import type { PolicyPort } from '../core/policy.js';
import type { ChatToolDefinition } from './chat-model.js';
import type { Governance } from '../governance/governance.js';
import { connectInProcess, type InProcessMcpClient, type ListedTool } from '../mcp/in-process-client.js';

/** The policy client the chat uses: it gets exactly that client's tools and governance. */
export const ASSISTANT_CLIENT_ID = 'helpdesk-assistant';

/** Longest tool result text fed back to the model (a guard against flooding its context). */
const MAX_RESULT_CHARS = 24_000;

export interface ToolOutcome {
  ok: boolean;
  /** What the chat page shows: the structured result, or the error body. */
  result: unknown;
  /** What the model reads, as the tool message content. */
  content: string;
}

export interface ToolSession {
  /** The tools as the model sees them (name, description, input schema as parameters). */
  functions: ChatToolDefinition[];
  names: string[];
  /** Calls one tool through MCP; never throws (protocol faults become a generic failure). */
  call(name: string, args: Record<string, unknown>, signal?: AbortSignal): Promise<ToolOutcome>;
  close(): Promise<void>;
}

/** An MCP listing as a tool definition for the chat model. */
export function toToolDefinition(t: ListedTool): ChatToolDefinition {
  const { $schema: _ignored, ...parameters } = t.inputSchema;
  return { name: t.name, description: t.description ?? t.title ?? t.name, parameters };
}

/** The model's argument text as an object, or why it is not one. */
export function parseArguments(
  raw: string,
): { ok: true; args: Record<string, unknown> } | { ok: false; message: string } {
  if (raw.trim() === '') return { ok: true, args: {} };
  try {
    const v: unknown = JSON.parse(raw);
    if (v && typeof v === 'object' && !Array.isArray(v)) return { ok: true, args: v as Record<string, unknown> };
    return { ok: false, message: 'Tool arguments must be a JSON object.' };
  } catch {
    return {
      ok: false,
      message: "Tool arguments were not valid JSON; send a JSON object matching the tool's input schema.",
    };
  }
}

/** A tool failure in the shape Warden's own errors have, for the model and the page. */
export const toolFailure = (code: string, message: string, hint?: string): ToolOutcome => {
  const body = { error: { code, message, ...(hint ? { hint } : {}) } };
  return { ok: false, result: body, content: JSON.stringify(body) };
};

const parseText = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** Connects to Warden's MCP server for this person and lists the tools they and the assistant client may use. */
export async function openToolSession(opts: {
  governance: Governance;
  policy: PolicyPort;
  person: PersonRef;
  requestId?: () => string | undefined;
  /** Shared across turns (see cachedValidator); without it every turn recompiles the tools' output schemas. */
  validator?: Parameters<typeof connectInProcess>[0]['validator'];
}): Promise<ToolSession> {
  const client: InProcessMcpClient = await connectInProcess({
    governance: opts.governance,
    policy: opts.policy,
    requestId: opts.requestId,
    clientName: 'warden-helpdesk-assistant',
    validator: opts.validator,
    principal: { kind: 'agent', clientId: ASSISTANT_CLIENT_ID, auth: 'session', person: opts.person },
  });
  try {
    const listed = await client.listTools();
    return {
      functions: listed.map(toToolDefinition),
      names: listed.map((t) => t.name),
      async call(name, args, signal) {
        try {
          const r = await client.callTool(name, args, { signal });
          const content =
            r.text.length > MAX_RESULT_CHARS
              ? `${r.text.slice(0, MAX_RESULT_CHARS)}… [cut: result too long; narrow the query]`
              : r.text;
          return { ok: !r.isError, result: r.structuredContent ?? parseText(r.text), content };
        } catch {
          // A protocol fault (not a tool error): the model sees a generic, actionable failure, never internals.
          return toolFailure(
            'tool_unavailable',
            `The ${name} tool could not be called.`,
            'Try again, or answer without it and say so.',
          );
        }
      },
      close: () => client.close(),
    };
  } catch (err) {
    await client.close().catch(() => undefined);
    throw err;
  }
}
