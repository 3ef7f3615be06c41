// The assistant loop against the scripted model: streamed text, tool calls through MCP, results fed back, errors as tool results.
import { afterEach, describe, expect, it } from 'vitest';
import { callTool, say, when } from '../support/fake-openai.js';
import { shape, startRig } from './support.js';

let rig: Awaited<ReturnType<typeof startRig>> | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('assistant loop', () => {
  it('answers a lookup question: tool_call → tool_result → streamed text → done', async () => {
    rig = await startRig({
      chat: {
        rules: [
          when(
            { user: /salesforce/i, noToolResult: true },
            callTool('check_access', { user: 'amara.bhatt@acme.example', target: 'Salesforce' }),
          ),
          when({ afterTool: 'check_access' }, (req) => say(`From the directory: ${req.toolResults[0]!.json.answer}`)),
        ],
      },
    });
    const events = await rig.run('Does amara.bhatt@acme.example have access to Salesforce?');
    expect(shape(events)).toEqual(['tool_call', 'tool_result', 'text', 'done']);
    const call = events[0] as Extract<(typeof events)[number], { type: 'tool_call' }>;
    expect(call).toMatchObject({
      name: 'check_access',
      arguments: { user: 'amara.bhatt@acme.example', target: 'Salesforce' },
    });
    expect(events[1]).toMatchObject({
      type: 'tool_result',
      id: call.id,
      name: 'check_access',
      ok: true,
      result: { hasAccess: false },
    });
    const deltas = events.filter((e) => e.type === 'text');
    expect(deltas.length, 'the reply arrives in several streamed deltas').toBeGreaterThan(3);
    const done = events.at(-1) as { type: 'done'; text: string };
    expect(done.text).toBe(deltas.map((d) => (d as { delta: string }).delta).join(''));
    expect(done.text).toMatch(/No: Amara Bhatt does not have Salesforce/);

    // What the model was sent: a streamed request, then the tool result under the call's id.
    const [first, second] = rig.fake.chat.requests;
    expect(first!.stream).toBe(true);
    expect(first!.messages[0]).toMatchObject({ role: 'system' });
    expect(first!.messages[0].content).toContain(rig.person.login);
    const assistantMsg = second!.messages.find((m) => m.role === 'assistant');
    expect(assistantMsg.tool_calls[0]).toMatchObject({
      id: call.id,
      type: 'function',
      function: { name: 'check_access' },
    });
    expect(second!.toolResults).toHaveLength(1);
    expect(second!.toolResults[0]).toMatchObject({ id: call.id, name: 'check_access' });
    expect(second!.toolResults[0]!.json.hasAccess).toBe(false);
  });

  it('passes the prior conversation to the model in order', async () => {
    rig = await startRig({ chat: { turns: [say('Sure.')] } });
    await rig.run('And the one in Sales?', [
      { role: 'user', content: 'Who is Alex Kim?' },
      { role: 'assistant', content: 'Two people are named Alex Kim.' },
    ]);
    const roles = rig.fake.chat.requests[0]!.messages.map((m) => `${m.role}:${m.role === 'system' ? '' : m.content}`);
    expect(roles).toEqual([
      'system:',
      'user:Who is Alex Kim?',
      'assistant:Two people are named Alex Kim.',
      'user:And the one in Sales?',
    ]);
  });

  it('surfaces a tool error as ok=false, feeds it back, and keeps going', async () => {
    rig = await startRig({
      chat: {
        turns: [
          callTool('lookup_user', { query: 42 }),
          { toolCalls: [{ name: 'lookup_user', arguments: '{"query": "ayesha' }] },
          callTool('lookup_user', { query: 'ayesha.nwosu@acme.example' }),
          say('Ayesha Nwosu is an Engineering Manager.'),
        ],
      },
    });
    const events = await rig.run('Who is Ayesha Nwosu?');
    expect(shape(events)).toEqual([
      'tool_call',
      'tool_result',
      'tool_call',
      'tool_result',
      'tool_call',
      'tool_result',
      'text',
      'done',
    ]);
    const results = events.filter((e) => e.type === 'tool_result') as Extract<
      (typeof events)[number],
      { type: 'tool_result' }
    >[];
    expect(results.map((r) => r.ok)).toEqual([false, false, true]);
    expect(JSON.stringify(results[0]!.result)).toMatch(/invalid_input/);
    expect(JSON.stringify(results[1]!.result)).toMatch(/not valid JSON/);
    // The model saw each error as a tool message and could correct itself.
    const [, second, third] = rig.fake.chat.requests;
    expect(second!.toolResults[0]!.json.error.code).toBe('invalid_input');
    expect(third!.toolResults.map((t) => t.json?.error?.code)).toEqual(['invalid_input', 'invalid_input']);
    expect(JSON.stringify(results)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('stops calling tools after maxToolRounds and makes the model answer', async () => {
    rig = await startRig({
      maxToolRounds: 2,
      chat: {
        rules: [
          (req) =>
            req.body.tool_choice === 'none'
              ? say('Here is what I found.')
              : callTool('lookup_user', { query: 'ayesha.nwosu@acme.example' }),
        ],
      },
    });
    const events = await rig.run('Keep looking people up forever.');
    expect(events.filter((e) => e.type === 'tool_call')).toHaveLength(2);
    expect(rig.fake.chat.requests.map((r) => r.body.tool_choice)).toEqual(['auto', 'auto', 'none']);
    expect(events.at(-1)).toMatchObject({ type: 'done', text: 'Here is what I found.' });
  });

  it('cites knowledge sources returned by search_knowledge', async () => {
    rig = await startRig({
      knowledge: true,
      chat: {
        rules: [
          when(
            { noToolResult: true },
            callTool('search_knowledge', { query: 'how long does privileged access last', limit: 3 }),
          ),
          when({ afterTool: 'search_knowledge' }, (req) => {
            const top = req.toolResults[0]!.json.results[0];
            return say(`Privileged access lasts at most 8 hours (source: ${top.path}, ${top.url}).`);
          }),
        ],
      },
    });
    const events = await rig.run('How long does privileged access last?');
    const result = events.find((e) => e.type === 'tool_result') as Extract<
      (typeof events)[number],
      { type: 'tool_result' }
    >;
    expect(result.ok).toBe(true);
    const results = (result.result as { results: { path: string; url?: string }[] }).results;
    expect(results.map((r) => r.path)).toContain('it-access-policy.md');
    // The answer carries the top passage's path and link, exactly as the tool returned them.
    const text = (events.at(-1) as { text: string }).text;
    expect(text).toContain(results[0]!.path);
    expect(text).toContain(results[0]!.url);
    expect(results[0]!.url).toMatch(/^https:\/\/intranet\.acme\.example\//);
  }, 30_000);
});
