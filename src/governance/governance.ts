// The single execution path: scope → validate → decide → run → check output → redact → audit, for every call from every transport.
// One of Warden's two declared entry points: tool calls (agents, the assistant) come in here. Decisions by people and
// the system (inbox, /api, CLI, lifecycle) use the typed request port (requests/index.ts); both end in the same
// request service, executor and audit chain. Tools get a DirectoryReader only: nothing here can change the directory.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { AppError, ForbiddenError, NotFoundError, isAppError, isUnavailable } from '../core/errors.js';
import type { DirectoryPort } from '../core/directory.js';
import type { HrPort } from '../core/hr.js';
import type { KnowledgePort } from '../core/knowledge.js';
import type { Decision, PolicyPort } from '../core/policy.js';
import type { Principal } from '../core/principal.js';
import type { AnyTool, ToolContext } from '../core/tool.js';
import type { AuditQueryPort } from '../core/audit.js';
import type { RequestPort } from '../core/requests.js';
import type { DownstreamAccessReader, DownstreamAccountFinder } from '../core/connectors.js';
import type { AuditTarget } from '../core/audit.js';
import { targetsOf } from './audit-targets.js';
import type { LicenceReportPort } from '../core/licences.js';
import { checkOutput } from './check-output.js';
import { redact } from './redact.js';
import { scopedDirectory } from './scoped-directory.js';
import type { AuditSink, CallOutcome, ToolCall } from './types.js';
import { validateInput } from './validate.js';

export interface GovernanceDeps {
  tools: readonly AnyTool[];
  policy: PolicyPort;
  directory: DirectoryPort;
  hr: HrPort;
  knowledge?: KnowledgePort;
  audit: AuditSink;
  log: Logger;
  /** Ports handlers may use besides the directory, HR and knowledge. */
  services?: {
    requests?: RequestPort;
    auditQuery?: AuditQueryPort;
    downstreamAccess?: DownstreamAccessReader;
    downstreamAccounts?: DownstreamAccountFinder;
    licences?: LicenceReportPort;
  };
  /** WARDEN_READ_ONLY: list and allow only tools annotated `readOnlyHint: true` (the annotations decide). */
  readOnly?: boolean;
  /** Check every result against the tool's output schema; a mismatch is an internal error (a tool bug). Tests turn it on. */
  checkOutputs?: boolean;
}

export interface Governance {
  /** The tools this principal may call (what tools/list shows it). */
  listTools(principal: Principal): AnyTool[];
  /** Runs one call through every step; never throws. */
  call(call: ToolCall): Promise<CallOutcome>;
  readonly tools: readonly AnyTool[];
}

export function createGovernance(deps: GovernanceDeps): Governance {
  const tools = deps.tools.filter((t) => !deps.readOnly || t.annotations.readOnlyHint);
  const byName = new Map(tools.map((t) => [t.name, t]));
  /** Tools hidden by read-only mode, so a call to one gets a clear refusal rather than "no such tool". */
  const notReadOnly = new Set(deps.tools.filter((t) => !byName.has(t.name)).map((t) => t.name));

  const permission = (principal: Principal, tool: AnyTool): Decision =>
    deps.policy.canCallTool(principal, { name: tool.name, toolset: tool.toolset, mutating: tool.mutating });

  async function call(c: ToolCall): Promise<CallOutcome> {
    const requestId = c.requestId ?? randomUUID();
    const started = performance.now();
    const log = deps.log.child({ requestId, client: c.principal.clientId, tool: c.tool });
    let decision: Decision | undefined;
    let args: Record<string, unknown> =
      typeof c.input === 'object' && c.input ? (c.input as Record<string, unknown>) : {};
    const scope = deps.policy.scopeFor(c.principal);
    let outcome: CallOutcome;
    let targets: AuditTarget[] | undefined;
    try {
      // scope
      const tool = byName.get(c.tool);
      if (!tool && notReadOnly.has(c.tool)) {
        throw new ForbiddenError(`Warden runs read-only: ${c.tool} can change state, so it is not available.`, {
          hint: 'Only read-only tools can be called while WARDEN_READ_ONLY is set; ask the Warden operators.',
          details: { readOnly: true },
        });
      }
      if (!tool)
        throw new NotFoundError(`There is no tool named ${c.tool}.`, {
          hint: 'List the tools to see what you may call.',
        });
      if (!scope)
        throw new ForbiddenError(`Client ${c.principal.clientId} is not known to the policy.`, {
          hint: 'Ask the security team to add this client to the policy file.',
        });
      decision = permission(c.principal, tool);
      if (decision.effect === 'deny')
        throw new ForbiddenError(`You may not call ${tool.name}: ${decision.why}`, {
          details: { rule: decision.rule },
        });
      // validate
      const input = validateInput(tool, c.input);
      args = redact(input, scope.hiddenFields);
      // run (mutating tools only create access requests; the request service decides per call)
      const ctx: ToolContext = {
        principal: c.principal,
        directory: scopedDirectory(deps.directory, scope),
        hr: deps.hr,
        knowledge: deps.knowledge,
        policy: deps.policy,
        scope,
        requests: deps.services?.requests,
        auditQuery: deps.services?.auditQuery,
        downstreamAccess: deps.services?.downstreamAccess,
        downstreamAccounts: deps.services?.downstreamAccounts,
        licences: deps.services?.licences,
        log,
        requestId,
      };
      const raw = await tool.handler(input, ctx);
      // check: what the tool returns is what it lists (before redaction, which the listed schema accounts for)
      if (deps.checkOutputs) checkOutput(tool, raw);
      // redact
      outcome = { ok: true, output: redact(raw as Record<string, unknown>, scope.hiddenFields), requestId };
      targets = targetsOf(tool, input, outcome.output, log);
    } catch (err) {
      const e = isAppError(err) ? err : internal(err, log, requestId);
      // Error details (e.g. candidate people) are output too: hidden fields stay hidden there.
      outcome = { ok: false, error: redact(e.toJSON().error, scope?.hiddenFields ?? []), requestId };
    }
    // audit: an answer that could not be recorded is not given
    try {
      const errorCode = outcome.ok ? undefined : outcome.error.code;
      await deps.audit.append({
        actor: { kind: c.principal.kind, clientId: c.principal.clientId, person: c.principal.person },
        action: 'tool.call',
        tool: c.tool,
        targets,
        args: redact(args, scope?.hiddenFields ?? []),
        decision: decision
          ? { effect: decision.effect, rule: decision.rule, policyHash: decision.policyHash }
          : undefined,
        outcome: outcome.ok ? 'ok' : errorCode === 'forbidden' ? 'denied' : 'error',
        errorCode,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
        requestId,
      });
    } catch (auditErr) {
      // The store went away: the caller learns that (and when to retry), never the unrecorded answer.
      if (isUnavailable(auditErr)) {
        log.debug({ reason: auditErr.message }, 'tool call not answered: its audit record could not be written');
        return { ok: false, error: auditErr.toJSON().error, requestId };
      }
      return { ok: false, error: internal(auditErr, log, requestId).toJSON().error, requestId };
    }
    return outcome;
  }

  return {
    tools,
    listTools: (principal) =>
      deps.policy.scopeFor(principal) ? tools.filter((t) => permission(principal, t).effect !== 'deny') : [],
    call,
  };
}

/** A bug or protocol fault: logged in full with the correlation id; the caller sees only the id. */
function internal(err: unknown, log: Logger, requestId: string): AppError {
  log.error({ err }, 'tool call failed unexpectedly');
  return new AppError('internal_error', `Warden hit an internal error. Reference: ${requestId}.`, {
    hint: 'Retry later; if it persists, give the reference to the Warden operators.',
  });
}
