// The helpdesk chat (helpdesk role): GET / renders the conversation; POST /chat runs one assistant turn, streamed as server-sent events.
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Logger } from 'pino';
import type { Assistant } from '../../../assistant/types.js';
import { InvalidInputError } from '../../../core/errors.js';
import type { Store } from '../../../core/store.js';
import type { Viewer } from '../../session/roles.js';
import type { WebUiEnv } from '../env.js';
import type { Renderer } from '../render.js';
import { collect, toPageEvent, type PageEvent, type RequestRef } from '../chat/chat-events.js';
import { toModelConversation, type Conversations, type Turn } from '../chat/conversations.js';
import { ChatPage } from '../views/chat-page.js';

export interface ChatDeps {
  log: Logger;
  assistant: Assistant;
  conversations: Conversations;
  store: Store;
  render: Renderer;
  setupHelp: string;
  chatScript: string;
}

export function chatRoutes(deps: ChatDeps): Hono<WebUiEnv> {
  const app = new Hono<WebUiEnv>();
  const { render, conversations } = deps;
  const busy = new Set<string>();
  const helpdeskOnly = render.role('helpdesk', 'chat');

  async function refs(turns: Turn[]): Promise<Map<string, RequestRef>> {
    const ids = [...new Set(turns.flatMap((t) => t.requests ?? []))];
    const rows = await Promise.all(ids.map((id) => deps.store.getRequest(id)));
    return new Map(
      rows
        .filter((r) => !!r)
        .map((r) => [
          r.id,
          { id: r.id, status: r.status, summary: (r.payload as { summary?: string }).summary ?? r.id },
        ]),
    );
  }

  /** Runs the turn, feeding each page event to `emit`; keeps the user's message and the answer in the conversation. */
  async function runTurn(viewer: Viewer, message: string, emit: (e: PageEvent) => Promise<void>, signal?: AbortSignal) {
    const login = viewer.person.login;
    const userTurn: Turn = { role: 'user', content: message, at: new Date().toISOString() };
    const conversation = toModelConversation([...(await conversations.load(login)), userTurn]);
    const events: PageEvent[] = [];
    try {
      for await (const e of deps.assistant.turn({ person: viewer.person, conversation, signal })) {
        const pe = toPageEvent(e);
        events.push(pe);
        await emit(pe);
      }
    } finally {
      const r = collect(events);
      const answer: Turn = {
        role: 'assistant',
        content: r.error ?? r.text,
        at: new Date().toISOString(),
        ...(r.error ? { error: true } : {}),
        ...(r.tools.length ? { tools: r.tools } : {}),
        ...(r.requests.length ? { requests: r.requests } : {}),
        ...(r.citations.length ? { citations: r.citations } : {}),
      };
      await conversations.append(login, userTurn, ...(events.length ? [answer] : []));
    }
  }

  const readMessage = async (c: Context<WebUiEnv>): Promise<string> => {
    const m = (await c.req.parseBody()).message;
    const text = typeof m === 'string' ? m.trim() : '';
    if (!text || text.length > 4000) throw new InvalidInputError('Write a message of at most 4000 characters.');
    return text;
  };

  app.get('/', render.signedIn, async (c) => {
    const viewer = c.get('viewer')!;
    if (!viewer.roles.helpdesk) return c.redirect('/inbox', 303);
    const turns = await conversations.load(viewer.person.login);
    return render.page(
      c,
      'Chat',
      <ChatPage
        turns={turns}
        requests={await refs(turns)}
        configured={deps.assistant.configured}
        setupHelp={deps.setupHelp}
        csrf={c.get('session').csrf}
      />,
      { scripts: [deps.chatScript] },
    );
  });

  app.post('/chat', render.signedIn, helpdeskOnly, async (c) => {
    const viewer = c.get('viewer')!;
    const message = await readMessage(c);
    const login = viewer.person.login.toLowerCase();
    if (busy.has(login))
      return c.json(
        { error: { code: 'conflict', message: 'The assistant is still answering your previous message.' } },
        409,
      );
    busy.add(login);
    if (!(c.req.header('accept') ?? '').includes('text/event-stream')) {
      // Without JavaScript: run the turn, then show the page again (post/redirect/get).
      try {
        await runTurn(viewer, message, async () => {});
      } finally {
        busy.delete(login);
      }
      return c.redirect('/#chat-form', 303);
    }
    c.header('Cache-Control', 'no-store');
    return streamSSE(
      c,
      async (stream) => {
        const ac = new AbortController();
        stream.onAbort(() => ac.abort());
        try {
          await runTurn(viewer, message, (e) => stream.writeSSE({ event: e.type, data: JSON.stringify(e) }), ac.signal);
        } finally {
          busy.delete(login);
        }
      },
      async (err, stream) => {
        const ref = c.get('requestId');
        deps.log.error({ err, requestId: ref }, 'chat turn failed');
        await stream.writeSSE({
          event: 'error',
          data: JSON.stringify({ type: 'error', message: `The chat failed unexpectedly. Reference: ${ref}.` }),
        });
      },
    );
  });

  app.post('/chat/reset', render.signedIn, helpdeskOnly, async (c) => {
    await conversations.clear(c.get('viewer')!.person.login);
    return c.redirect('/', 303);
  });
  return app;
}
