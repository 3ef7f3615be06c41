// "What would happen if…": one described call decided by the live policy with facts read from the live directory, explained like `warden policy explain`.
import type { DirectoryPort } from '../../core/directory.js';
import type { PolicyEngine } from '../../policies/engine.js';
import { buildFacts, decide, explainDecision, toolCatalogFrom } from '../../policies/index.js';

export interface SimulationInput {
  client: string;
  tool: string;
  /** Login of the person the client acts for. */
  person?: string;
  /** The person the call is about. */
  user?: string;
  group?: string;
  app?: string;
  duration?: string;
  reason?: string;
}

export type SimulationResult =
  | { ok: true; effect: 'allow' | 'deny' | 'approval'; rule: string; text: string }
  | { ok: false; problem: string };

export interface SimulatorDeps {
  policy: PolicyEngine;
  directory: DirectoryPort;
  tools: ReadonlyArray<{ name: string; toolset: string; mutating: boolean }>;
}

/** Decides the call; problems with the description (unknown people, tools, durations) come back as `problem`. */
export async function simulate(deps: SimulatorDeps, input: SimulationInput): Promise<SimulationResult> {
  const policy = deps.policy.current(); // one snapshot for facts and decision
  const client = policy.clients.get(input.client);
  if (!client) return { ok: false, problem: `The policy has no client "${input.client}".` };
  const dir = deps.directory;
  const person = input.person ? await dir.getUser(input.person) : null;
  if (input.person && !person) return { ok: false, problem: `No person "${input.person}" in the directory.` };
  const subject = input.user ? await dir.getUser(input.user) : null;
  if (input.user && !subject) return { ok: false, problem: `No person "${input.user}" in the directory.` };
  const manager = subject?.managerId ? await dir.getUser(subject.managerId) : null;
  const people = subject
    ? {
        [subject.login]: {
          id: subject.id,
          department: subject.department,
          status: subject.status,
          ...(manager ? { manager: manager.login } : {}),
        },
      }
    : {};

  const owners: { groups: Record<string, string[]> } = { groups: {} };
  let group: string | undefined;
  let app: string | undefined;
  if (input.group) {
    const g = await dir.getGroup(input.group);
    if (!g) return { ok: false, problem: `No group "${input.group}" in the directory.` };
    group = g.name;
    owners.groups[g.name] = (await dir.listGroupOwners(g.id)).map((o) => o.login);
  } else if (input.app) {
    const a = await dir.getApp(input.app);
    if (!a) return { ok: false, problem: `No app "${input.app}" in the directory.` };
    app = a.name;
  }
  const callInput: Record<string, unknown> = {
    ...(subject ? { user: subject.login } : {}),
    ...(group ? { group } : {}),
    ...(app ? { app } : {}),
    ...(input.duration ? { duration: input.duration } : {}),
    ...(input.reason ? { reason: input.reason } : {}),
  };
  try {
    const facts = buildFacts(
      policy,
      {
        principal: {
          kind: client.kind === 'person-app' ? 'person' : 'agent',
          clientId: client.id,
          ...(person ? { person: { login: person.login, id: person.id } } : {}),
        },
        tool: input.tool,
        input: callInput,
      },
      { people, owners, catalog: toolCatalogFrom(deps.tools) },
    );
    const d = decide(policy, facts);
    return { ok: true, effect: d.effect, rule: d.rule, text: explainDecision(d, facts) };
  } catch (err) {
    // buildFacts only throws about the described call (unknown tool, bad duration): safe to show.
    return { ok: false, problem: (err as Error).message };
  }
}
