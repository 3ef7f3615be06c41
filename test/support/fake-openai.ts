// A scripted OpenAI-compatible HTTP server on 127.0.0.1 for tests: deterministic /v1/embeddings, scripted /v1/chat/completions, extensible routes.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createChat, type ChatControl, type ChatScript } from './fake-openai-chat.js';

export {
  callTool,
  say,
  when,
  type ChatControl,
  type ChatRequest,
  type ChatRule,
  type ChatScript,
  type ScriptedReply,
} from './fake-openai-chat.js';

export interface FakeResponse {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Server-sent events: each string is sent as `data: <string>` (a streamed answer); `body` is then ignored. */
  sse?: string[];
  /** Pause between SSE events. */
  chunkDelayMs?: number;
}

/** A route handler: gets the parsed JSON body and the request; returns the response. */
export type FakeRoute = (body: any, req: IncomingMessage) => FakeResponse | Promise<FakeResponse>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface FakeOpenAIOptions {
  /** Vector length of /v1/embeddings answers (default 64). */
  dimensions?: number;
  /** When set, requests without `Authorization: Bearer <apiKey>` get 401. */
  apiKey?: string;
  /** Failures served, in order, before real answers, e.g. `[{ status: 500 }, { status: 429 }]` (with `retry-after-ms: 5` so client retries are quick). Applies to every route. */
  failures?: { status: number; body?: unknown; headers?: Record<string, string> }[];
  /** Extra or replacement routes, keyed `'POST /v1/chat/completions'`. */
  routes?: Record<string, FakeRoute>;
  /** The scripted chat model behind /v1/chat/completions (default: answers that it has no script). */
  chat?: ChatScript;
}

export interface RecordedCall {
  method: string;
  path: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface FakeOpenAI {
  /** Base URL to hand to the `openai` client, ending in `/v1`. */
  baseURL: string;
  calls: RecordedCall[];
  /** The chat script's controls and the chat requests received (messages, tools, tool results). */
  chat: ChatControl;
  /** Adds or replaces a route while running. */
  route(key: string, handler: FakeRoute): void;
  close(): Promise<void>;
}

/** Deterministic bag-of-words vector: each lowercased word adds 1 to a hashed bucket; L2-normalised. */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const v: number[] = Array.from({ length: dimensions }, () => 0);
  for (const m of text.toLowerCase().matchAll(/[a-z0-9]+/g)) {
    let h = 2166136261;
    for (const c of m[0]) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
    v[(h >>> 0) % dimensions]! += 1;
  }
  if (!v.some((x) => x !== 0)) v[0] = 1;
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

const embeddings =
  (dimensions: number): FakeRoute =>
  (body) => {
    const input: string[] = Array.isArray(body?.input) ? body.input : [body?.input ?? ''];
    if (input.some((t) => typeof t !== 'string'))
      return { status: 400, body: { error: { message: 'input must be strings', type: 'invalid_request_error' } } };
    const dims = typeof body.dimensions === 'number' ? body.dimensions : dimensions;
    return {
      body: {
        object: 'list',
        model: body.model,
        data: input.map((t, index) => ({ object: 'embedding', index, embedding: fakeEmbedding(t, dims) })),
        usage: { prompt_tokens: input.join(' ').length, total_tokens: input.join(' ').length },
      },
    };
  };

async function readJson(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const p of req) parts.push(p as Buffer);
  const raw = Buffer.concat(parts).toString('utf8');
  return raw ? JSON.parse(raw) : undefined;
}

/** Starts the fake on a free port. */
export async function startFakeOpenAI(opts: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const chat = createChat(opts.chat);
  const routes: Record<string, FakeRoute> = {
    'POST /v1/embeddings': embeddings(opts.dimensions ?? 64),
    'POST /v1/chat/completions': (body) => chat.handle(body),
    ...opts.routes,
  };
  const failures = [...(opts.failures ?? [])];
  const calls: RecordedCall[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0]!;
      let out: FakeResponse;
      try {
        const body = await readJson(req);
        calls.push({ method: req.method ?? 'GET', path, body });
        const route = routes[`${req.method} ${path}`];
        if (opts.apiKey && req.headers.authorization !== `Bearer ${opts.apiKey}`)
          out = {
            status: 401,
            body: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } },
          };
        else if (failures.length) {
          const f = failures.shift()!;
          out = {
            status: f.status,
            headers: { 'retry-after-ms': '5', ...f.headers },
            body: f.body ?? { error: { message: `scripted ${f.status}`, type: 'server_error' } },
          };
        } else if (!route)
          out = {
            status: 404,
            body: { error: { message: `no route ${req.method} ${path}`, type: 'invalid_request_error' } },
          };
        else out = await route(body, req);
      } catch (e) {
        out = { status: 500, body: { error: { message: String(e), type: 'server_error' } } };
      }
      if (out.sse) {
        res.writeHead(out.status ?? 200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-cache',
          ...out.headers,
        });
        for (const data of out.sse) {
          if (res.destroyed) return;
          res.write(`data: ${data}\n\n`);
          if (out.chunkDelayMs) await sleep(out.chunkDelayMs);
        }
        res.end();
        return;
      }
      res.writeHead(out.status ?? 200, { 'content-type': 'application/json', ...out.headers });
      res.end(JSON.stringify(out.body));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    calls,
    chat: { requests: chat.requests, push: chat.push, setRules: chat.setRules },
    route: (key, handler) => {
      routes[key] = handler;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
