// A test rig for the assistant: a Warden from the harness, the scripted model on loopback, and a helper that runs one turn.
import { createAssistant, lazyOpenAiChatModel, type OpenAiChatModelOptions } from '../../src/assistant/index.js';
import type { AssistantEvent, ChatMessage } from '../../src/assistant/types.js';
import type { PersonRef, Principal } from '../../src/core/principal.js';
import { acmeKnowledge } from '../../evals/agent/knowledge.js';
import { createTestWarden, personas } from '../support/harness.js';
import { startFakeOpenAI, type ChatScript } from '../support/fake-openai.js';

export const HELPDESK = personas.helpdesk as string;

export async function startRig(
  opts: {
    chat?: ChatScript;
    knowledge?: boolean;
    model?: Partial<OpenAiChatModelOptions>;
    maxToolRounds?: number;
  } = {},
) {
  const fake = await startFakeOpenAI({ apiKey: 'sk-test-key', chat: opts.chat });
  let kb: Awaited<ReturnType<typeof acmeKnowledge>> | undefined;
  const w0 = await createTestWarden();
  if (opts.knowledge) kb = await acmeKnowledge(w0.policy);
  const w = kb ? await createTestWarden({ extra: { knowledge: kb.kb } }) : w0;
  if (w !== w0) await w0.close();
  const u = (await w.directory.getUser(HELPDESK))!;
  const person: PersonRef = { id: u.id, login: u.login, displayName: u.displayName };
  const principal: Principal = { kind: 'agent', clientId: 'helpdesk-assistant', auth: 'session', person };
  const assistant = createAssistant({
    governance: w.governance,
    policy: w.policy,
    log: w.log,
    maxToolRounds: opts.maxToolRounds,
    model: lazyOpenAiChatModel({
      apiKey: 'sk-test-key',
      baseURL: fake.baseURL,
      model: 'scripted-model',
      maxRetries: 0,
      ...opts.model,
    }),
  });
  /** Runs one turn and returns every event. */
  const run = async (message: string, conversation: ChatMessage[] = []): Promise<AssistantEvent[]> => {
    const out: AssistantEvent[] = [];
    for await (const e of assistant.turn({
      person,
      conversation: [...conversation, { role: 'user', content: message }],
    }))
      out.push(e);
    return out;
  };
  return {
    w,
    fake,
    assistant,
    person,
    principal,
    run,
    async close() {
      await fake.close();
      await w.close();
      await kb?.close();
    },
  };
}

/** The event types in order, with consecutive text deltas collapsed to one `text`. */
export const shape = (events: AssistantEvent[]): string[] =>
  events.map((e) => e.type).filter((t, i, a) => !(t === 'text' && a[i - 1] === 'text'));
