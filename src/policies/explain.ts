// explainDecision(): a decision and the facts behind it, as text a security engineer reads in a terminal.
import type { CallFacts, Decision } from '../core/policy.js';
import { stepLabel, stepWords } from './approval-steps.js';
import { formatDuration } from './duration.js';

/** Multi-line explanation: outcome, rule, why, the call, approvals, durations, policy hash. */
export function explainDecision(decision: Decision, facts: CallFacts): string {
  const p = facts.principal;
  const lines: string[] = [];
  lines.push(`Decision: ${decision.effect.toUpperCase()}`);
  lines.push(`Rule:     ${decision.rule}`);
  lines.push(`Why:      ${decision.why}`);
  lines.push('');
  const who = p.person ? ` acting for ${p.person.login}` : '';
  lines.push(`Caller:   client ${p.clientId} (${p.kind})${who}`);
  lines.push(`Tool:     ${facts.tool} (toolset ${facts.toolset}${facts.mutating ? ', mutating' : ', read-only'})`);
  const input = JSON.stringify(facts.input);
  if (input && input !== '{}') lines.push(`Input:    ${input.length > 200 ? `${input.slice(0, 197)}...` : input}`);
  if (facts.subject) {
    const s = facts.subject;
    const bits = [
      s.department && `department ${s.department}`,
      s.managerLogin && `manager ${s.managerLogin}`,
      s.status && `status ${s.status}`,
    ].filter(Boolean);
    lines.push(`Subject:  ${s.login}${bits.length ? ` (${bits.join(', ')})` : ''}`);
  }
  if (facts.resource) {
    const r = facts.resource;
    const tags = r.tags.length ? ` tags [${r.tags.join(', ')}]` : ' (no tags)';
    const owners = r.ownerLogins.length ? `, owners ${r.ownerLogins.join(', ')}` : ', no owner on record';
    lines.push(`Resource: ${r.kind} ${r.name}${tags}${owners}`);
  }
  if (facts.reason !== undefined) lines.push(`Reason:   ${JSON.stringify(facts.reason)}`);
  if (decision.flags?.length) lines.push(`Flags:    ${decision.flags.join(', ')}`);
  if (decision.effect === 'approval') {
    lines.push('');
    lines.push(
      `Approvals (every step is required; nobody approves twice, and never the requester, the subject or an agent):`,
    );
    decision.steps.forEach((s, i) => lines.push(`  ${i + 1}. ${s.id}: ${stepWords(s, facts)}   [${stepLabel(s)}]`));
    if (decision.maxDurationSeconds !== undefined) {
      const max =
        decision.ruleMaxDurationSeconds !== undefined
          ? ` (maximum ${formatDuration(decision.ruleMaxDurationSeconds)})`
          : '';
      lines.push(`Grant:    ${formatDuration(decision.maxDurationSeconds)}${max}, then revoked automatically`);
    } else {
      lines.push('Grant:    permanent (no maximum duration in this rule)');
    }
    lines.push(`Pending:  the request expires if not approved within ${formatDuration(decision.pendingExpirySeconds)}`);
  }
  lines.push('');
  lines.push(`Policy:   ${decision.policyHash}`);
  return lines.join('\n');
}
