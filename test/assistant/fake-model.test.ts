// The scripted model speaks the real wire format: the openai SDK reads its streamed and non-streamed answers, tool calls included.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool, say, startFakeOpenAI, when, type FakeOpenAI } from '../support/fake-openai.js';

let fake: FakeOpenAI;
let client: OpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI({
    chat: {
      rules: [
        when(
          { user: /salesforce/i, noToolResult: true },
          {
            ...callTool('check_access', { user: 'amara.bhatt@acme.example', target: 'Salesforce' }),
            text: 'Checking.',
          },
        ),
        when({}, say('Plain answer.')),
      ],
    },
  });
  client = new OpenAI({ apiKey: 'k', baseURL: fake.baseURL, maxRetries: 0 });
});
afterAll(async () => {
  await fake.close();
});

const tools = [{ type: 'function' as const, function: { name: 'check_access', parameters: { type: 'object' } } }];

describe('fake OpenAI chat', () => {
  it('streams text and tool call fragments that the SDK reassembles', async () => {
    const stream = await client.chat.completions.create({
      model: 'm',
      stream: true,
      tools,
      messages: [{ role: 'user', content: 'Does Amara have Salesforce?' }],
    });
    let text = '';
    let args = '';
    let name = '';
    let finish: string | null = null;
    let chunks = 0;
    for await (const c of stream) {
      chunks++;
      text += c.choices[0]?.delta.content ?? '';
      for (const tc of c.choices[0]?.delta.tool_calls ?? []) {
        name += tc.function?.name ?? '';
        args += tc.function?.arguments ?? '';
        expect(tc.index).toBe(0);
      }
      finish = c.choices[0]?.finish_reason ?? finish;
    }
    expect(chunks).toBeGreaterThan(4);
    expect({ text, name, args: JSON.parse(args), finish }).toEqual({
      text: 'Checking.',
      name: 'check_access',
      args: { user: 'amara.bhatt@acme.example', target: 'Salesforce' },
      finish: 'tool_calls',
    });
  });

  it('answers non-streaming requests with a chat.completion object', async () => {
    const r = await client.chat.completions.create({
      model: 'm',
      tools,
      messages: [{ role: 'user', content: 'Does Amara have Salesforce?' }],
    });
    expect(r.object).toBe('chat.completion');
    expect(r.choices[0]!.finish_reason).toBe('tool_calls');
    const call = r.choices[0]!.message.tool_calls![0]!;
    expect(call.type === 'function' && JSON.parse(call.function.arguments)).toEqual({
      user: 'amara.bhatt@acme.example',
      target: 'Salesforce',
    });
    const plain = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hello' }] });
    expect(plain.choices[0]!.message.content).toBe('Plain answer.');
  });

  it('records what the model was sent and keeps serving embeddings', async () => {
    const before = fake.chat.requests.length;
    await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hello again' }] });
    expect(fake.chat.requests.length).toBe(before + 1);
    expect(fake.chat.requests.at(-1)!.lastUser).toBe('hello again');
    const e = await client.embeddings.create({ model: 'e', input: ['a b c'], encoding_format: 'float' });
    expect(e.data[0]!.embedding).toHaveLength(64);
  });
});
