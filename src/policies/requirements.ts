// What the policy would ask of a change before it is requested: the rule, approvers, reason rules and maximum duration.
import type { CallFacts, RequestRequirements } from '../core/policy.js';
import { stepWords } from './approval-steps.js';
import type { CompiledPolicy } from './compiled-policy.js';
import { effectiveKind, matches } from './decide.js';

/** The first matching rule's requirements for this call, ignoring the reason and duration the caller has not given yet. */
export function requirementsFor(policy: CompiledPolicy, facts: CallFacts): RequestRequirements {
  const client = policy.clients.get(facts.principal.clientId);
  if (!client)
    return {
      effect: 'deny',
      rule: 'clients.unknown',
      why: `Client ${facts.principal.clientId} is not in the policy.`,
      steps: [],
      needs: '',
    };
  const kind = effectiveKind(client, facts);
  const rule = (policy.rulesByTool.get(facts.tool) ?? []).find((r) => matches(r, client, kind, facts));
  if (!rule)
    return {
      effect: 'deny',
      rule: 'defaults.deny',
      why: `No rule allows ${facts.tool} for ${client.id}; the default is deny.`,
      steps: [],
      needs: '',
    };
  const reason = rule.reason ?? policy.defaults.reason;
  return {
    effect: rule.effect,
    rule: rule.ruleId,
    why: rule.description ?? `Rule ${rule.id} applies.`,
    steps: [...rule.steps],
    needs: rule.steps.map((s) => stepWords(s, facts)).join(' AND '),
    ...(reason
      ? {
          reason: {
            required: reason.required,
            minLength: reason.minLength,
            pattern: reason.pattern?.source,
            patternHint: reason.patternHint,
          },
        }
      : {}),
    ...(rule.maxDurationSeconds !== undefined ? { maxDurationSeconds: rule.maxDurationSeconds } : {}),
  };
}
