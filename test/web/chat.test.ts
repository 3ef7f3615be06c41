// The chat page and its stream: events as SSE, request cards and citations, conversations kept per person, and life without a model.
import { afterEach, describe, expect, it } from 'vitest';
import type { Assistant, AssistantEvent, ChatMessage } from '../../src/assistant/types.js';
import type { PersonRef } from '../../src/core/principal.js';
import { HELPDESK, webRig } from './support.js';

let rig: Awaited<ReturnType<typeof webRig>> | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** An assistant double that replays `events` and records what it was asked. */
function scripted(events: AssistantEvent[]) {
  const seen: Array<{ person: PersonRef; conversation: ChatMessage[] }> = [];
  const assistant: Assistant = {
    configured: true,
    async *turn(t) {
      seen.push({ person: t.person, conversation: t.conversation });
      for (const e of events) yield e;
    },
  };
  return { assistant, seen };
}

const parseSse = (text: string) =>
  text
    .split('\n\n')
    .filter((f) => f.includes('data:'))
    .map((f) =>
      JSON.parse(
        f
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trim())
          .join('\n'),
      ),
    );

describe('chat', () => {
  it('streams the turn as server-sent events and keeps the conversation for the person', async () => {
    const request = {
      id: 'req_11111111-2222-3333-4444-555555555555',
      status: 'pending',
      summary: 'Add zara to group Proj-Atlas',
      diff: [],
      approvals: [],
    };
    const hits = {
      results: [
        {
          rank: 1,
          path: 'it-access-policy.md',
          title: 'IT access policy',
          heading: 'Requesting access',
          url: 'https://intranet.acme.example/it/access',
          score: 1,
          passage: '…',
        },
      ],
      notice: 'n',
      message: 'm',
    };
    const { assistant, seen } = scripted([
      { type: 'tool_call', id: 'c1', name: 'search_knowledge', arguments: { query: 'access' } },
      { type: 'tool_result', id: 'c1', name: 'search_knowledge', ok: true, result: hits },
      { type: 'tool_call', id: 'c2', name: 'request_group_add', arguments: { user: 'zara', group: 'Proj-Atlas' } },
      { type: 'tool_result', id: 'c2', name: 'request_group_add', ok: true, result: request },
      { type: 'text', delta: 'Filed it; see ' },
      { type: 'text', delta: 'https://intranet.acme.example/it/access' },
      { type: 'done', text: 'Filed it; see https://intranet.acme.example/it/access' },
    ]);
    rig = await webRig({ assistant });
    const b = rig.client();
    await b.signInAs('helpdesk');
    const token = await b.csrf('/');
    const res = await b.req('/chat', {
      method: 'POST',
      body: 'message=add+zara+to+atlas',
      headers: {
        accept: 'text/event-stream',
        'content-type': 'application/x-www-form-urlencoded',
        'x-csrf-token': token,
        origin: 'http://localhost',
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = parseSse(await res.text());
    expect(events.map((e) => e.type)).toEqual([
      'tool_call',
      'tool_result',
      'tool_call',
      'tool_result',
      'text',
      'text',
      'done',
    ]);
    expect(events[1].citations).toEqual([
      {
        path: 'it-access-policy.md',
        title: 'IT access policy',
        heading: 'Requesting access',
        url: 'https://intranet.acme.example/it/access',
      },
    ]);
    expect(events[3].requests).toEqual([{ id: request.id, status: 'pending', summary: request.summary }]);
    expect(JSON.stringify(events)).not.toContain('passage');
    expect(seen[0]!.person.login).toBe(HELPDESK);
    expect(seen[0]!.conversation).toEqual([{ role: 'user', content: 'add zara to atlas' }]);

    // The page shows the conversation again: tool calls, the link, the cited source.
    const page = await (await b.req('/')).text();
    expect(page).toContain('<code>request_group_add</code>');
    expect(page).toContain(
      '<a href="https://intranet.acme.example/it/access" rel="noopener noreferrer">IT access policy › Requesting access</a>',
    );
    expect(page).toMatch(/Filed it; see <a href="https:\/\/intranet.acme.example\/it\/access"/);
    // The next turn carries the history.
    await b.req('/chat', { form: { _csrf: token, message: 'thanks' } });
    expect(seen[1]!.conversation.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    // The conversation follows the person into another browser.
    const other = rig.client();
    await other.signInAs('helpdesk');
    expect(await (await other.req('/')).text()).toContain('add zara to atlas');
    const reset = await b.req('/chat/reset', { form: { _csrf: token } });
    expect(reset.status).toBe(303);
    expect(await (await b.req('/')).text()).not.toContain('add zara to atlas');
  });

  it('escapes what the model says', async () => {
    const { assistant } = scripted([{ type: 'done', text: '<img src=x onerror=alert(1)> javascript:alert(1)' }]);
    rig = await webRig({ assistant });
    const b = rig.client();
    await b.signInAs('helpdesk');
    await b.req('/chat', { form: { _csrf: await b.csrf('/'), message: '<script>alert(1)</script>' } });
    const page = await (await b.req('/')).text();
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('href="javascript:');
  });

  it('says how to configure a model when there is none, and the rest of the app still works', async () => {
    rig = await webRig();
    const b = rig.client();
    await b.signInAs('helpdesk');
    const page = await (await b.req('/')).text();
    expect(page).toContain('No model is configured');
    expect(page).toMatch(/OPENAI_API_KEY/);
    expect(page).toMatch(/<textarea id="message"[^>]*disabled/);
    expect((await b.req('/inbox')).status).toBe(200);
  });

  it('is for the helpdesk: others are sent to the inbox and may not post', async () => {
    rig = await webRig({ assistant: scripted([]).assistant });
    const b = rig.client();
    await b.signInAs('manager');
    expect((await b.req('/')).headers.get('location')).toBe('/inbox');
    expect((await b.req('/chat', { form: { _csrf: await b.csrf('/inbox'), message: 'hi' } })).status).toBe(403);
  });
});
