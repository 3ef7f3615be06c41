// Per-client permission: is the client known, and may it call this tool at all?
import type { Decision, ClientScope } from '../core/policy.js';
import type { Principal } from '../core/principal.js';
import type { CompiledClient, CompiledPolicy } from './compiled-policy.js';

type Deny = Extract<Decision, { effect: 'deny' }>;
type Allow = Extract<Decision, { effect: 'allow' }>;

/** The caller's scope, or null when its client id is not in the policy. */
export function scopeFor(policy: CompiledPolicy, principal: Principal): ClientScope | null {
  return policy.clients.get(principal.clientId)?.scope ?? null;
}

/** Deny decision for a client id the policy does not know. */
export function unknownClient(policy: CompiledPolicy, clientId: string): Deny {
  return {
    effect: 'deny',
    rule: 'clients.unknown',
    why: `Client "${clientId}" is not listed under clients in the policy; unknown clients may call nothing.`,
    policyHash: policy.hash,
  };
}

/** Deny when the client may not call `tool`; undefined when it may. */
export function toolDenial(
  policy: CompiledPolicy,
  client: CompiledClient,
  tool: string,
  toolset: string,
): Deny | undefined {
  const base = `clients.${client.id}`;
  const deny = (rule: string, why: string): Deny => ({ effect: 'deny', rule, why, policyHash: policy.hash });
  if (!client.toolsets.has(toolset)) {
    return deny(
      `${base}.toolsets`,
      `Client ${client.id} may use the toolsets ${[...client.toolsets].join(', ')}; ${tool} belongs to "${toolset}".`,
    );
  }
  if (client.allow && !client.allow.test(tool)) {
    return deny(
      `${base}.tools.allow`,
      `Client ${client.id} may only call ${client.allow.patterns.join(', ')}; ${tool} is not on that list.`,
    );
  }
  if (client.deny?.test(tool)) {
    return deny(`${base}.tools.deny`, `Client ${client.id} is denied ${tool} by its tools.deny list.`);
  }
  return undefined;
}

/** Whether the principal may call the tool at all (drives tools/list and the scope step). */
export function canCallTool(
  policy: CompiledPolicy,
  principal: Principal,
  tool: { name: string; toolset: string; mutating: boolean },
): Decision {
  const client = policy.clients.get(principal.clientId);
  if (!client) return unknownClient(policy, principal.clientId);
  return (
    toolDenial(policy, client, tool.name, tool.toolset) ??
    allowedByToolsets(policy, client, tool.name, tool.toolset, tool.mutating)
  );
}

/** The allow decision for a permitted call; mutating tools are still subject to rules. */
export function allowedByToolsets(
  policy: CompiledPolicy,
  client: CompiledClient,
  tool: string,
  toolset: string,
  mutating: boolean,
): Allow {
  const tail = mutating ? ' Each request is still decided by the rules.' : '';
  return {
    effect: 'allow',
    rule: `clients.${client.id}.toolsets`,
    why: `Client ${client.id} (${client.kind}) may use the "${toolset}" toolset, which includes ${tool}.${tail}`,
    policyHash: policy.hash,
  };
}
