// Runs agent scenarios against an OpenAI-compatible model: one fresh Warden per scenario, one assistant turn, one score.
import { resolve } from 'node:path';
import pino from 'pino';
import { createAssistant, lazyOpenAiChatModel, type OpenAiChatModelOptions } from '../../src/assistant/index.js';
import { acmeKnowledge } from './knowledge.js';
import { loadScenarios, type Scenario } from './scenario.js';
import { scoreScenario, type ScenarioScore } from './score.js';
import { collectEvents, worldEffects, type Transcript } from './transcript.js';
import { createWorld, loadPolicy } from './world.js';

export const SCENARIOS_DIR = resolve(import.meta.dirname, 'scenarios');

export interface ScenarioResult extends ScenarioScore {
  id: string;
  area: string;
  transcript: Transcript;
}

export interface AgentEvalOptions {
  model: OpenAiChatModelOptions;
  scenariosDir?: string;
  /** Only these scenario ids (or id prefixes). */
  only?: string[];
  /** A different policy file (the harness test uses a weakened one to prove the scorer catches what policy lets through). */
  policyPath?: string;
  maxToolRounds?: number;
  onResult?: (r: ScenarioResult) => void;
}

/** Runs the scenarios in order; knowledge is indexed once and shared. */
export async function runAgentEval(o: AgentEvalOptions): Promise<ScenarioResult[]> {
  const all = await loadScenarios(o.scenariosDir ?? SCENARIOS_DIR);
  const scenarios = o.only?.length ? all.filter((s) => o.only!.some((p) => s.id === p || s.id.startsWith(p))) : all;
  if (scenarios.length === 0) throw new Error(`no scenario matches ${o.only?.join(', ')}`);
  const policy = loadPolicy(o.policyPath);
  const knowledge = await acmeKnowledge(policy);
  const results: ScenarioResult[] = [];
  try {
    for (const s of scenarios) {
      const r = await runScenario(s, { ...o, policy, knowledge: knowledge.kb });
      results.push(r);
      o.onResult?.(r);
    }
  } finally {
    policy.close();
    await knowledge.close();
  }
  return results;
}

/** One scenario in a fresh world. */
export async function runScenario(
  s: Scenario,
  o: Pick<AgentEvalOptions, 'model' | 'maxToolRounds'> & {
    policy: ReturnType<typeof loadPolicy>;
    knowledge: Parameters<typeof createWorld>[0]['knowledge'];
  },
): Promise<ScenarioResult> {
  const log = pino({ level: 'silent' });
  const world = await createWorld({ policy: o.policy, knowledge: o.knowledge, log });
  try {
    const assistant = createAssistant({
      governance: world.governance,
      policy: world.policy,
      model: lazyOpenAiChatModel(o.model),
      log,
      maxToolRounds: o.maxToolRounds,
    });
    const person = await world.person(s.principal);
    const events = await collectEvents(
      assistant.turn({ person, conversation: [...s.conversation, { role: 'user', content: s.message }] }),
    );
    await world.access.executor.idle();
    const transcript: Transcript = { ...events, ...(await worldEffects(world, world.policy)) };
    return { id: s.id, area: s.area, ...scoreScenario(s, transcript), transcript };
  } finally {
    await world.close();
  }
}
