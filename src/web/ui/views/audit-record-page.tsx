// One audit record in full: who, what, what it touched, the decision and policy, the arguments, and its place in the chain.
import type { AuditRecord } from '../../../core/audit.js';
import { When } from './request-card.js';

const Row = (p: { label: string; children: unknown }) => (
  <>
    <dt>{p.label}</dt>
    <dd>{p.children as never}</dd>
  </>
);

export function AuditRecordPage(p: { record: AuditRecord; hashMatches: boolean; last: number }) {
  const r = p.record;
  const person = r.actor.person;
  return (
    <>
      <p class="crumbs">
        <a href="/audit">Audit log</a> › <span>Record {r.seq}</span>
      </p>
      <h1>Audit record {r.seq}</h1>
      <dl class="record">
        <Row label="When">
          <When at={r.at} /> <span class="muted">({r.at})</span>
        </Row>
        <Row label="Actor">
          {person ? (
            <>
              {person.displayName ? `${person.displayName} · ` : ''}
              <code>{person.login}</code> <span class="muted">(id {person.id})</span> via{' '}
            </>
          ) : null}
          <code>{r.actor.clientId}</code> <span class="muted">({r.actor.kind})</span>
        </Row>
        <Row label="Action">
          <code>{r.action}</code>
          {r.tool ? (
            <>
              {' '}
              · tool <code>{r.tool}</code>
            </>
          ) : null}
        </Row>
        <Row label="Outcome">
          <span class={`outcome outcome-${r.outcome}`}>{r.outcome}</span>
          {r.errorCode ? (
            <>
              {' '}
              · <code>{r.errorCode}</code>
            </>
          ) : null}
          {r.durationMs != null ? <span class="muted"> · {r.durationMs} ms</span> : null}
        </Row>
        <Row label="Target">{r.target ? <code>{r.target}</code> : '—'}</Row>
        <Row label="Touched">
          {r.targets?.length ? (
            <ul class="targets">
              {r.targets.map((t) => (
                <li>
                  {t.type} {t.name ? <strong>{t.name}</strong> : null} {t.login ? <code>{t.login}</code> : null}{' '}
                  {t.id ? <span class="muted">id {t.id}</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            '—'
          )}
        </Row>
        <Row label="Decision">
          {r.decision ? (
            <>
              <strong>{r.decision.effect}</strong> by rule <code>{r.decision.rule}</code>
            </>
          ) : (
            '—'
          )}
        </Row>
        <Row label="Policy hash">{r.decision ? <code class="hash">{r.decision.policyHash}</code> : '—'}</Row>
        <Row label="Request">
          {r.requestId ? (
            r.requestId.startsWith('req_') ? (
              <a href={`/requests/${r.requestId}`}>{r.requestId}</a>
            ) : (
              <code>{r.requestId}</code>
            )
          ) : (
            '—'
          )}
          {r.directoryRequestId ? <span class="muted"> · directory {r.directoryRequestId}</span> : null}
        </Row>
        <Row label="Record id">
          <code>{r.id}</code>
        </Row>
        <Row label="Previous hash">
          <code class="hash">{r.prevHash}</code>
        </Row>
        <Row label="Hash">
          <code class="hash">{r.hash}</code>{' '}
          {p.hashMatches ? (
            <span class="outcome outcome-ok">matches the content</span>
          ) : (
            <span class="outcome outcome-error">does not match the content</span>
          )}
        </Row>
      </dl>
      <h2>Arguments</h2>
      <pre class="args-json">{JSON.stringify(r.args, null, 2)}</pre>
      <nav aria-label="Records" class="pager">
        {r.seq > 1 && <a href={`/audit/records/${r.seq - 1}`}>Previous record</a>}
        {r.seq < p.last && (
          <a href={`/audit/records/${r.seq + 1}`} rel="next">
            Next record
          </a>
        )}
      </nav>
    </>
  );
}
