// The active policy: a summary of who may do what, the "what would happen if…" simulator, and the source (collapsed).
import type { CompiledPolicy } from '../../../policies/compiled-policy.js';
import type { SimulationInput, SimulationResult } from '../simulate.js';
import { CsrfField } from './layout.js';
import { PolicySummary } from './policy-summary.js';

export interface PolicyFileView {
  path: string;
  text: string;
}

const Text = (p: { id: keyof SimulationInput; label: string; value?: string; hint?: string; placeholder?: string }) => (
  <div class="field">
    <label for={`s-${p.id}`}>{p.label}</label>
    <input
      id={`s-${p.id}`}
      name={p.id}
      value={p.value ?? ''}
      placeholder={p.placeholder}
      aria-describedby={p.hint ? `s-${p.id}-hint` : undefined}
    />
    {p.hint && <small id={`s-${p.id}-hint`}>{p.hint}</small>}
  </div>
);

function Simulator(p: {
  clients: string[];
  tools: string[];
  input: Partial<SimulationInput>;
  result?: SimulationResult;
  csrf: string;
}) {
  const i = p.input;
  return (
    <section aria-labelledby="sim-h">
      <h2 id="sim-h">What would happen if…</h2>
      <p>
        Describe a call; the live policy decides it with facts from the live directory (department, manager, owners,
        tags). Nothing is changed or recorded.
      </p>
      <form method="post" action="/policy/simulate" class="filters grid">
        <CsrfField csrf={p.csrf} />
        <div class="field">
          <label for="s-client">Client</label>
          <select id="s-client" name="client">
            {p.clients.map((c) => (
              <option value={c} selected={c === i.client}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="s-tool">Tool</label>
          <select id="s-tool" name="tool">
            {p.tools.map((t) => (
              <option value={t} selected={t === i.tool}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <Text
          id="person"
          label="Acting for (person)"
          value={i.person}
          placeholder="login"
          hint="Who the client acts for; empty for an agent acting alone."
        />
        <Text id="user" label="About (person)" value={i.user} placeholder="login" />
        <Text id="group" label="Group" value={i.group} placeholder="e.g. Proj-Atlas" />
        <Text id="app" label="App" value={i.app} placeholder="e.g. salesforce" />
        <Text id="duration" label="Duration" value={i.duration} placeholder="e.g. 8h or 30d" />
        <Text id="reason" label="Reason" value={i.reason} />
        <div class="buttons">
          <button type="submit">Decide</button>
        </div>
      </form>
      <div role="status" aria-live="polite" class="sim-result">
        {p.result &&
          (p.result.ok ? (
            <>
              <h3>
                Decision: <span class={`effect effect-${p.result.effect}`}>{p.result.effect}</span> by{' '}
                <code>{p.result.rule}</code>
              </h3>
              <pre>{p.result.text}</pre>
            </>
          ) : (
            <p class="problem">Could not simulate: {p.result.problem}</p>
          ))}
      </div>
    </section>
  );
}

export function PolicyPage(p: {
  policy: CompiledPolicy;
  hash: string;
  files: PolicyFileView[];
  clients: string[];
  tools: string[];
  input: Partial<SimulationInput>;
  result?: SimulationResult;
  csrf: string;
}) {
  return (
    <>
      <h1>Policy</h1>
      <p>
        Active policy <code>{p.hash}</code>, read from {p.files.length === 1 ? 'one file' : `${p.files.length} files`}.
        Edits to the files reload automatically; a broken edit keeps this policy and is logged.
      </p>
      <PolicySummary policy={p.policy} />
      <Simulator clients={p.clients} tools={p.tools} input={p.input} result={p.result} csrf={p.csrf} />
      <section aria-labelledby="src-h">
        <h2 id="src-h">Source</h2>
        <p class="muted">The YAML the summary above was read from.</p>
        {p.files.map((f) => (
          <details>
            <summary>
              <code>{f.path}</code> ({f.text.split('\n').length} lines)
            </summary>
            <pre class="source">
              <code>{f.text}</code>
            </pre>
          </details>
        ))}
      </section>
    </>
  );
}
