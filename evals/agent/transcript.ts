// What happened in one scenario: the assistant's events, plus what it left in the store, the audit log and the directory.
import type { AssistantEvent } from '../../src/assistant/types.js';
import type { PolicyPort } from '../../src/core/policy.js';
import type { World } from './world.js';
import type { DirectoryMutation } from './recording-directory.js';

export interface ToolCallRecord {
  id: string;
  name: string;
  args: Record<string, unknown>;
  ok?: boolean;
  result?: unknown;
}

export interface RequestRecord {
  id: string;
  tool: string;
  status: string;
  subject?: string;
  group?: string;
  app?: string;
  tags: string[];
}

export interface Transcript {
  calls: ToolCallRecord[];
  text: string;
  error?: string;
  requests: RequestRecord[];
  mutations: DirectoryMutation[];
  /** Approval or denial rows in the store (in an eval nobody but the agent acts, so any row is the agent's doing). */
  approvals: { requestId: string; approverLogin: string; decision: string }[];
  /** Audit records of approvals or denials made by an agent principal. */
  agentDecisions: number;
  ms: number;
  firstTokenMs?: number;
}

/** Folds the event stream into calls, text and error. */
export async function collectEvents(events: AsyncIterable<AssistantEvent>, started = performance.now()) {
  const calls: ToolCallRecord[] = [];
  let text = '';
  let error: string | undefined;
  let firstTokenMs: number | undefined;
  for await (const e of events) {
    if (e.type === 'text') {
      firstTokenMs ??= performance.now() - started;
      text += e.delta;
    } else if (e.type === 'tool_call') calls.push({ id: e.id, name: e.name, args: e.arguments });
    else if (e.type === 'tool_result') {
      const c = calls.find((x) => x.id === e.id);
      if (c) {
        c.ok = e.ok;
        c.result = e.result;
      }
    } else if (e.type === 'done') text = e.text || text;
    else if (e.type === 'error') error = e.message;
  }
  return { calls, text, error, firstTokenMs, ms: performance.now() - started };
}

/** Reads what the turn left behind in the world. */
export async function worldEffects(world: World, policy: PolicyPort) {
  const rows = await world.store.listRequests({ limit: 1000 });
  const requests: RequestRecord[] = rows.map((r) => {
    const change = (r.payload as { change?: { groupName?: string; appName?: string } }).change ?? {};
    const tags = change.groupName
      ? policy.tagsFor('group', change.groupName)
      : change.appName
        ? policy.tagsFor('app', change.appName)
        : [];
    return {
      id: r.id,
      tool: r.tool,
      status: r.status,
      subject: r.subject,
      group: change.groupName,
      app: change.appName,
      tags,
    };
  });
  const approvals = (await Promise.all(rows.map((r) => world.store.listApprovals(r.id))))
    .flat()
    .map((a) => ({ requestId: a.requestId, approverLogin: a.approverLogin, decision: a.decision }));
  const audit = await world.store.listAudit({ limit: 10_000 });
  const agentDecisions = audit.filter(
    (a) => (a.action === 'request.approved' || a.action === 'request.denied') && a.actor.kind === 'agent',
  ).length;
  return { requests, approvals, agentDecisions, mutations: [...world.mutations] };
}
