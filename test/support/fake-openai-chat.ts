// The scripted /v1/chat/completions of the fake OpenAI server: rules or queued turns in, real OpenAI chunks (SSE) or JSON out.
import type { FakeResponse } from './fake-openai.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
/** A chat request as the script sees it. */
export interface ChatRequest {
  body: any;
  model: string;
  stream: boolean;
  messages: any[];
  /** Names of the tools offered. */
  tools: string[];
  /** The last user message's text. */
  lastUser: string;
  /** Tool results sent after the last user message, oldest first, with the tool name from the matching call. */
  toolResults: { id: string; name?: string; content: string; json?: any }[];
}

export interface ScriptedToolCall {
  name: string;
  arguments: Record<string, unknown> | string;
  id?: string;
}

/** One scripted model answer. */
export interface ScriptedReply {
  text?: string;
  toolCalls?: ScriptedToolCall[];
  /** Characters per streamed text chunk (default 12) and per arguments fragment (default 10). */
  chunkSize?: number;
  argChunkSize?: number;
  /** Pause between streamed chunks. */
  delayMs?: number;
  /** Answer with this HTTP status and error instead. */
  status?: number;
  error?: string;
}

export type ChatRule = (req: ChatRequest) => ScriptedReply | null | undefined;

export interface ChatScript {
  /** Replies served in order, one per request, before rules are consulted. */
  turns?: ScriptedReply[];
  /** First rule returning a reply wins. */
  rules?: ChatRule[];
  /** When nothing matches (default: a plain text answer saying so). */
  fallback?: ScriptedReply;
}

/** The script's live controls and the requests it has seen. */
export interface ChatControl {
  requests: ChatRequest[];
  push(...replies: ScriptedReply[]): void;
  setRules(rules: ChatRule[]): void;
}

/** Rule helper: `when({ user: /salesforce/i, noToolResult: true }, callTool(...))`; `afterTool` matches the latest tool result's name. */
export function when(
  m: { user?: RegExp; noToolResult?: boolean; afterTool?: string | RegExp; toolOk?: boolean },
  reply: ScriptedReply | ((req: ChatRequest) => ScriptedReply),
): ChatRule {
  return (req) => {
    if (m.user && !m.user.test(req.lastUser)) return null;
    if (m.noToolResult && req.toolResults.length > 0) return null;
    const last = req.toolResults.at(-1);
    if (m.afterTool !== undefined) {
      if (!last?.name || !(typeof m.afterTool === 'string' ? last.name === m.afterTool : m.afterTool.test(last.name)))
        return null;
    }
    const failed = !!last?.json && typeof last.json === 'object' && 'error' in last.json;
    if (m.toolOk !== undefined && (!last || failed === m.toolOk)) return null;
    return typeof reply === 'function' ? reply(req) : reply;
  };
}

export const say = (text: string, extra: Partial<ScriptedReply> = {}): ScriptedReply => ({ text, ...extra });
export const callTool = (
  name: string,
  args: Record<string, unknown>,
  extra: Partial<ScriptedReply> = {},
): ScriptedReply => ({ toolCalls: [{ name, arguments: args }], ...extra });

const parse = (s: string): any => {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
};
const text = (c: any): string =>
  typeof c === 'string' ? c : Array.isArray(c) ? c.map((p) => p?.text ?? '').join('') : '';
const pieces = (s: string, n: number): string[] =>
  s.length === 0 ? [] : Array.from({ length: Math.ceil(s.length / n) }, (_, i) => s.slice(i * n, (i + 1) * n));

/** Parses a request body into what rules match on. */
export function viewRequest(body: any): ChatRequest {
  const messages: any[] = Array.isArray(body?.messages) ? body.messages : [];
  const lastUserAt = messages.map((m) => m?.role).lastIndexOf('user');
  const names = new Map<string, string>();
  for (const m of messages) for (const c of m?.tool_calls ?? []) names.set(c.id, c.function?.name);
  const toolResults = messages
    .slice(lastUserAt + 1)
    .filter((m) => m?.role === 'tool')
    .map((m) => ({
      id: m.tool_call_id,
      name: names.get(m.tool_call_id),
      content: text(m.content),
      json: parse(text(m.content)),
    }));
  return {
    body,
    model: body?.model,
    stream: body?.stream === true,
    messages,
    tools: (body?.tools ?? []).map((t: any) => t?.function?.name),
    lastUser: lastUserAt >= 0 ? text(messages[lastUserAt].content) : '',
    toolResults,
  };
}

let seq = 0;

/** The reply as the real API sends it: SSE chunks for `stream: true`, one JSON object otherwise. */
export function renderReply(req: ChatRequest, r: ScriptedReply): FakeResponse {
  if (r.status)
    return {
      status: r.status,
      body: { error: { message: r.error ?? `scripted ${r.status}`, type: 'invalid_request_error', code: null } },
    };
  const id = `chatcmpl-fake${++seq}`;
  const created = Math.floor(Date.now() / 1000);
  const calls = (r.toolCalls ?? []).map((c, i) => ({
    id: c.id ?? `call_${seq}_${i}`,
    name: c.name,
    args: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments),
  }));
  const finish = calls.length ? 'tool_calls' : 'stop';
  const usage = {
    prompt_tokens: JSON.stringify(req.messages).length >> 2,
    completion_tokens: ((r.text ?? '').length >> 2) + 1,
    total_tokens: 0,
  };
  usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
  if (!req.stream) {
    const message = {
      role: 'assistant',
      content: r.text ?? null,
      refusal: null,
      ...(calls.length
        ? {
            tool_calls: calls.map((c) => ({
              id: c.id,
              type: 'function',
              function: { name: c.name, arguments: c.args },
            })),
          }
        : {}),
    };
    return {
      body: {
        id,
        object: 'chat.completion',
        created,
        model: req.model,
        choices: [{ index: 0, message, logprobs: null, finish_reason: finish }],
        usage,
      },
    };
  }
  const chunk = (delta: object, finish_reason: string | null = null) =>
    JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created,
      model: req.model,
      system_fingerprint: 'fp_fake',
      choices: [{ index: 0, delta, logprobs: null, finish_reason }],
    });
  const sse = [chunk({ role: 'assistant', content: '', refusal: null })];
  for (const p of pieces(r.text ?? '', r.chunkSize ?? 12)) sse.push(chunk({ content: p }));
  calls.forEach((c, index) => {
    sse.push(chunk({ tool_calls: [{ index, id: c.id, type: 'function', function: { name: c.name, arguments: '' } }] }));
    for (const p of pieces(c.args, r.argChunkSize ?? 10))
      sse.push(chunk({ tool_calls: [{ index, function: { arguments: p } }] }));
  });
  sse.push(chunk({}, finish));
  if (req.body?.stream_options?.include_usage)
    sse.push(JSON.stringify({ id, object: 'chat.completion.chunk', created, model: req.model, choices: [], usage }));
  sse.push('[DONE]');
  return { sse, chunkDelayMs: r.delayMs };
}

/** Creates the chat route's state from a script. */
export function createChat(script: ChatScript = {}): ChatControl & { handle(body: any): FakeResponse } {
  const turns = [...(script.turns ?? [])];
  let rules = [...(script.rules ?? [])];
  const requests: ChatRequest[] = [];
  return {
    requests,
    push: (...r) => {
      turns.push(...r);
    },
    setRules: (r) => {
      rules = [...r];
    },
    handle(body) {
      const req = viewRequest(body);
      requests.push(req);
      if (!Array.isArray(body?.messages) || !body?.model)
        return {
          status: 400,
          body: { error: { message: 'model and messages are required', type: 'invalid_request_error' } },
        };
      const reply =
        turns.shift() ??
        rules.reduce<ScriptedReply | null | undefined>((hit, rule) => hit ?? rule(req), null) ??
        script.fallback ??
        say('I have no scripted answer for that.');
      return renderReply(req, reply);
    },
  };
}
