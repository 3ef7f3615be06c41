// The policy in words: per client what it may call and see, per rule what it matches and who must approve.
import { stepWords } from '../../../policies/approval-steps.js';
import type { CompiledPolicy, CompiledReason } from '../../../policies/compiled-policy.js';
import { formatDuration } from '../../../policies/duration.js';
import type { RuleFile } from '../../../policies/schema.js';

const all = <T,>(xs: readonly T[] | '*', word: string): string =>
  xs === '*' ? word : xs.length ? xs.join(', ') : 'none';

const KIND_WORDS: Record<string, string> = {
  agent: 'agent: may ask, never approve',
  'person-app': 'person app: acts as the signed-in person, who may approve',
  system: 'system: Warden itself, no credential can act as it',
};

function ClientRows(p: { policy: CompiledPolicy }) {
  return (
    <div class="table-wrap" role="region" aria-label="Clients" tabindex={0}>
      <table class="table summary" id="policy-clients">
        <thead>
          <tr>
            <th scope="col">Client</th>
            <th scope="col">Kind</th>
            <th scope="col">Tools</th>
            <th scope="col">Data scope</th>
            <th scope="col">Requests per hour</th>
          </tr>
        </thead>
        <tbody>
          {[...p.policy.clients.values()].map((c) => {
            const src = p.policy.source.clients?.[c.id];
            return (
              <tr data-client={c.id}>
                <th scope="row">
                  <code>{c.id}</code>
                  {src?.description && <div class="muted">{src.description}</div>}
                </th>
                <td>
                  <span class={`kind kind-${c.kind}`}>{KIND_WORDS[c.kind] ?? c.kind}</span>
                </td>
                <td>
                  toolsets {src?.toolsets === '*' ? 'all' : [...c.toolsets].join(', ') || 'none'}
                  {c.allow && <div>only {c.allow.patterns.join(', ')}</div>}
                  {c.deny && <div>except {c.deny.patterns.join(', ')}</div>}
                </td>
                <td>
                  departments {all(c.scope.departments, 'all')}
                  {c.scope.hiddenFields.length > 0 && <div>hidden: {c.scope.hiddenFields.join(', ')}</div>}
                  <div>knowledge: {c.scope.knowledgeAudiences.join(', ')}</div>
                </td>
                <td>
                  {c.scope.requestsPerHour === undefined
                    ? 'unlimited'
                    : c.scope.requestsPerHour === 0
                      ? 'none (0)'
                      : c.scope.requestsPerHour}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** "tagged privileged; agents" — the rule's match in words. */
function matchWords(r: RuleFile): string {
  const m = r.match ?? {};
  const list = (v: string | string[]) => (Array.isArray(v) ? v.join(' or ') : v);
  const parts = [
    m.tags && `tagged ${m.tags.join(' or ')}`,
    m.resourceKind && `${m.resourceKind}s only`,
    m.resource && `named ${m.resource.join(' or ')}`,
    m.subjectDepartment && `about people in ${list(m.subjectDepartment)}`,
    m.clients && `from client ${m.clients.join(' or ')}`,
    m.principalKind && `asked by ${list(m.principalKind)}`,
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'every call';
}

function reasonWords(r?: CompiledReason): string {
  if (!r || !r.required) return 'not required';
  const parts = [r.minLength > 0 ? `at least ${r.minLength} characters` : 'required'];
  if (r.pattern) parts.push(r.patternHint ? `${r.patternHint}` : `matches ${r.pattern.source}`);
  return parts.join('; ');
}

function RuleRows(p: { policy: CompiledPolicy }) {
  const source = p.policy.source.rules ?? [];
  return (
    <div class="table-wrap" role="region" aria-label="Rules" tabindex={0}>
      <table class="table summary" id="policy-rules">
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Matches</th>
            <th scope="col">Effect and approvers</th>
            <th scope="col">Max duration</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {p.policy.rules.map((r, i) => (
            <tr data-rule={r.id}>
              <th scope="row">
                {i + 1}. <code>{r.id}</code>
                {r.description && <div class="muted">{r.description}</div>}
              </th>
              <td>
                {[...r.tools].join(', ')}
                <div class="muted">{source[i] ? matchWords(source[i]!) : ''}</div>
              </td>
              <td>
                <span class={`effect effect-${r.effect}`}>{r.effect}</span>
                {r.steps.length > 0 && (
                  <ol class="steps">
                    {r.steps.map((s) => (
                      <li>
                        <strong>{s.id}</strong>: {stepWords(s)}
                      </li>
                    ))}
                  </ol>
                )}
              </td>
              <td>
                {r.effect === 'deny' ? '—' : r.maxDurationSeconds ? formatDuration(r.maxDurationSeconds) : 'no limit'}
              </td>
              <td>{r.effect === 'deny' ? '—' : reasonWords(r.reason ?? p.policy.defaults.reason)}</td>
            </tr>
          ))}
          <tr data-rule="defaults.deny">
            <th scope="row">
              <code>defaults.deny</code>
            </th>
            <td>anything no rule matches</td>
            <td>
              <span class="effect effect-deny">deny</span>
            </td>
            <td>—</td>
            <td>—</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** Who may do what, read from the active policy: clients first, then rules in the order they are tried. */
export function PolicySummary(p: { policy: CompiledPolicy }) {
  return (
    <section aria-labelledby="summary-h">
      <h2 id="summary-h">Who may do what</h2>
      <h3>Clients</h3>
      <p class="muted">
        An unknown client may call nothing. Only person-app clients act for people, so only they can approve.
      </p>
      <ClientRows policy={p.policy} />
      <h3>Rules for access changes</h3>
      <p class="muted">Tried in order for each mutating call; the first that matches decides.</p>
      <RuleRows policy={p.policy} />
    </section>
  );
}
