// Assistant overhead with a scripted model on loopback: time to first streamed token and full reply, p50/p99 over N turns.
// Run: npx tsx bench/assistant.ts [--turns 50] [--warmup 5]
import OpenAI from 'openai';
import pino from 'pino';
import { createAssistant, lazyOpenAiChatModel } from '../src/assistant/index.js';
import { openToolSession } from '../src/assistant/tool-session.js';
import { systemPrompt } from '../src/assistant/system-prompt.js';
import { cachedValidator } from '../src/mcp/in-process-client.js';
import { callTool, say, startFakeOpenAI, when } from '../test/support/fake-openai.js';
import { createWorld, loadPolicy } from '../evals/agent/world.js';
import { numberFlag } from './lib/args.js';
import { percentile } from './lib/stats.js';
import { fmt, renderTable } from './lib/table.js';

const TURNS = numberFlag('turns', 50);
const WARMUP = numberFlag('warmup', 5);
const REPLY =
  'Amara Bhatt does not have Salesforce. App-Salesforce-Users grants it; its owners are Mara Novak and Javier Phillips. I can file a request if you give me a reason. '.repeat(
    3,
  );

const fake = await startFakeOpenAI({
  chat: {
    rules: [
      when(
        { user: /^tool:/, noToolResult: true },
        callTool('check_access', { user: 'amara.bhatt@acme.example', target: 'Salesforce' }),
      ),
      when({}, say(REPLY)),
    ],
  },
});
const policy = loadPolicy();
const world = await createWorld({ policy });
const person = await world.person('gabriel.reddy@acme.example');
const assistant = createAssistant({
  governance: world.governance,
  policy,
  log: pino({ level: 'silent' }),
  model: lazyOpenAiChatModel({ apiKey: 'k', baseURL: fake.baseURL, model: 'scripted' }),
});
const validator = cachedValidator();
const raw = new OpenAI({ apiKey: 'k', baseURL: fake.baseURL, maxRetries: 0 });

interface Sample {
  first: number;
  full: number;
}

/** One assistant turn: ms to the first text delta and to `done`. */
async function assistantTurn(message: string): Promise<Sample> {
  const t0 = performance.now();
  let first = Number.NaN;
  for await (const e of assistant.turn({ person, conversation: [{ role: 'user', content: message }] })) {
    if (e.type === 'text' && Number.isNaN(first)) first = performance.now() - t0;
    if (e.type === 'error') throw new Error(e.message);
  }
  return { first, full: performance.now() - t0 };
}

// The floor sends what the assistant sends (system prompt and the same tool definitions), so only Warden's work differs.
const floorTools = await openToolSession({ governance: world.governance, policy, person, validator }).then(
  async (s) => {
    await s.close();
    return s.functions.map((f) => ({ type: 'function' as const, function: f }));
  },
);

/** The floor: the same streamed reply read straight from the fake with the openai SDK, no Warden. */
async function rawTurn(): Promise<Sample> {
  const t0 = performance.now();
  let first = Number.NaN;
  const s = await raw.chat.completions.create({
    model: 'scripted',
    stream: true,
    tools: floorTools,
    tool_choice: 'auto',
    messages: [
      { role: 'system', content: systemPrompt(person) },
      { role: 'user', content: 'hello' },
    ],
  });
  for await (const c of s) if (c.choices[0]?.delta.content && Number.isNaN(first)) first = performance.now() - t0;
  return { first, full: performance.now() - t0 };
}

/** Opening the per-turn MCP session (server + linked client + tools/list) and closing it. */
async function sessionOnly(): Promise<Sample> {
  const t0 = performance.now();
  const s = await openToolSession({ governance: world.governance, policy, person, validator });
  const first = performance.now() - t0;
  await s.close();
  return { first, full: performance.now() - t0 };
}

async function measure(fn: () => Promise<Sample>): Promise<Sample[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const out: Sample[] = [];
  for (let i = 0; i < TURNS; i++) out.push(await fn());
  return out;
}

const cases: [string, () => Promise<Sample>][] = [
  ['floor: openai SDK → fake, same prompt+tools, no Warden', rawTurn],
  ['MCP session open+list (first=open, full=+close)', sessionOnly],
  ['assistant: text reply, no tools', () => assistantTurn('hello')],
  ['assistant: check_access round, then text', () => assistantTurn('tool: does amara have salesforce?')],
];
const rows = [];
for (const [name, fn] of cases) {
  const s = await measure(fn);
  const first = s.map((x) => x.first).sort((a, b) => a - b);
  const full = s.map((x) => x.full).sort((a, b) => a - b);
  rows.push([
    name,
    s.length,
    fmt(percentile(first, 50), 2),
    fmt(percentile(first, 99), 2),
    fmt(percentile(full, 50), 2),
    fmt(percentile(full, 99), 2),
  ]);
}
console.log(
  `assistant overhead, scripted model on 127.0.0.1, reply ${REPLY.length} chars in ${Math.ceil(REPLY.length / 12)} chunks; ${TURNS} turns after ${WARMUP} warm-up (ms)\n`,
);
console.log(renderTable(['case', 'turns', 'first token p50', 'p99', 'full reply p50', 'p99'], rows));
await fake.close();
await world.close();
policy.close();
