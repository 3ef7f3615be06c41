// decide(): the pure policy decision for one call. No I/O, no clock; first matching rule wins.
import type { CallFacts, Decision } from '../core/policy.js';
import { unsatisfiable, stepWords } from './approval-steps.js';
import { allowedByToolsets, toolDenial, unknownClient } from './client-scope.js';
import type { CompiledClient, CompiledPolicy, CompiledRule } from './compiled-policy.js';
import { formatDuration } from './duration.js';
import { reasonProblem } from './reason.js';

/** Decides one call against a loaded policy. */
export function decide(policy: CompiledPolicy, facts: CallFacts): Decision {
  const client = policy.clients.get(facts.principal.clientId);
  if (!client) return unknownClient(policy, facts.principal.clientId);
  const denied = toolDenial(policy, client, facts.tool, facts.toolset);
  if (denied) return denied;
  if (!facts.mutating) return allowedByToolsets(policy, client, facts.tool, facts.toolset, false);
  return decideMutation(policy, client, facts);
}

/** An agent client is always an agent, whatever the principal claims; a system client is system only for Warden's own principal. */
export function effectiveKind(client: CompiledClient, facts: CallFacts): 'agent' | 'person' | 'system' {
  if (client.kind === 'system') return facts.principal.kind === 'system' ? 'system' : 'agent';
  return client.kind === 'agent' || facts.principal.kind === 'agent' ? 'agent' : facts.principal.kind;
}

export function matches(rule: CompiledRule, client: CompiledClient, kind: string, facts: CallFacts): boolean {
  const m = rule.match;
  const res = facts.resource;
  if (m.kinds && !m.kinds.has(kind)) return false;
  if (m.clients && !m.clients.test(client.id)) return false;
  if (m.resourceKind && res?.kind !== m.resourceKind) return false;
  if (m.tags && !(res && m.tags.some((t) => res.tags.includes(t)))) return false;
  if (m.resource && !(res && m.resource.test(res.name))) return false;
  if (m.departments && !(facts.subject?.department && m.departments.has(facts.subject.department.toLowerCase())))
    return false;
  return true;
}

function decideMutation(policy: CompiledPolicy, client: CompiledClient, facts: CallFacts): Decision {
  const policyHash = policy.hash;
  const kind = effectiveKind(client, facts);
  const requester = facts.principal.person?.login;
  // Built in, not configurable: a person acting directly must be named, or nobody can check SoD later.
  if (kind === 'person' && !requester) {
    return {
      effect: 'deny',
      rule: 'builtin.person-required',
      why: 'A person acting directly must be identified before asking for a change.',
      policyHash,
    };
  }
  const flags: string[] = [];
  if (requester && facts.subject?.login && requester.toLowerCase() === facts.subject.login.toLowerCase())
    flags.push('self-request');
  if (kind === 'agent' && !requester) flags.push('no-requesting-person');
  const extra = flags.length ? { flags } : {};
  const selfNote = flags.includes('self-request') ? ' The request is about the requester; they cannot approve it.' : '';

  const rule = (policy.rulesByTool.get(facts.tool) ?? []).find((r) => matches(r, client, kind, facts));
  if (!rule) {
    const target = facts.resource ? ` on ${facts.resource.kind} ${facts.resource.name}` : '';
    return {
      effect: 'deny',
      rule: 'defaults.deny',
      why: `No rule allows ${facts.tool}${target} for ${client.id} (${kind}); the default is deny.`,
      policyHash,
      ...extra,
    };
  }
  const label = rule.description ?? `Rule ${rule.id} applies.`;
  if (rule.effect === 'deny') return { effect: 'deny', rule: rule.ruleId, why: label, policyHash, ...extra };

  const reasonRule = rule.reason ?? policy.defaults.reason;
  const problem = reasonProblem(reasonRule, facts.reason);
  if (problem)
    return { effect: 'deny', rule: `${rule.ruleId}.reason`, why: `${label} ${problem}`, policyHash, ...extra };

  const max = rule.maxDurationSeconds;
  const asked = facts.durationSeconds;
  if (asked !== undefined && max !== undefined && asked > max) {
    return {
      effect: 'deny',
      rule: `${rule.ruleId}.maxDuration`,
      why: `${label} The requested duration ${formatDuration(asked)} is longer than the maximum ${formatDuration(max)}; ask for ${formatDuration(max)} or less.`,
      policyHash,
      ...extra,
    };
  }
  const grant = asked ?? max;
  if (rule.effect === 'allow')
    return { effect: 'allow', rule: rule.ruleId, why: `${label}${selfNote}`, policyHash, ...extra };

  for (const step of rule.steps) {
    const gap = unsatisfiable(step, facts);
    if (gap)
      return { effect: 'deny', rule: `${rule.ruleId}.unsatisfiable`, why: `${label} ${gap}`, policyHash, ...extra };
  }
  const needs = rule.steps.map((s) => stepWords(s, facts)).join(' AND ');
  const lasting = grant !== undefined ? ` Granted for ${formatDuration(grant)}, then revoked automatically.` : '';
  return {
    effect: 'approval',
    rule: rule.ruleId,
    why: `${label} Needs ${needs}.${lasting}${selfNote}`,
    policyHash,
    steps: [...rule.steps],
    ...(grant !== undefined ? { maxDurationSeconds: grant } : {}),
    ...(max !== undefined ? { ruleMaxDurationSeconds: max } : {}),
    pendingExpirySeconds: rule.pendingExpirySeconds,
    ...extra,
  };
}
