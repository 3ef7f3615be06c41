// What the chat page receives for each assistant event: text, tool calls as they run, and from tool results the request cards and citations.
import type { AssistantEvent } from '../../../assistant/types.js';
import { REQUEST_STATUSES } from '../../../core/store.js';
import type { Citation, ToolTrace } from './conversations.js';

export interface RequestRef {
  id: string;
  status: string;
  summary: string;
}

export type PageEvent =
  | { type: 'text'; delta: string }
  | { type: 'tool_call'; id: string; name: string; arguments: Record<string, unknown> }
  | {
      type: 'tool_result';
      id: string;
      name: string;
      ok: boolean;
      note?: string;
      requests: RequestRef[];
      citations: Citation[];
    }
  | { type: 'done'; text: string }
  | { type: 'error'; message: string };

const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** A request view anywhere at the top of a result (request tools) or in its `requests` list (list_requests). */
export function requestsIn(result: unknown): RequestRef[] {
  const r = obj(result);
  if (!r) return [];
  const one = (v: unknown): RequestRef[] => {
    const o = obj(v);
    const id = str(o?.id);
    const status = str(o?.status);
    return id?.startsWith('req_') && status && (REQUEST_STATUSES as readonly string[]).includes(status)
      ? [{ id, status, summary: str(o?.summary) ?? id }]
      : [];
  };
  return [...one(r), ...(Array.isArray(r.requests) ? r.requests.flatMap(one) : [])].slice(0, 10);
}

/** Knowledge hits as citations (search_knowledge results, get_document). */
export function citationsIn(result: unknown): Citation[] {
  const r = obj(result);
  const hits = Array.isArray(r?.results) ? r.results : r && str(r.path) && str(r.title) ? [r] : [];
  const out: Citation[] = [];
  for (const h of hits) {
    const o = obj(h);
    const path = str(o?.path);
    const title = str(o?.title);
    if (!path || !title) continue;
    const url = str(o?.url);
    out.push({ path, title, heading: str(o?.heading), ...(url && /^https?:\/\//.test(url) ? { url } : {}) });
  }
  return out.slice(0, 8);
}

/** A one-line note the page shows under a tool call: the tool's own answer or error message. */
function noteOf(ok: boolean, result: unknown): string | undefined {
  const r = obj(result);
  const text = ok ? (str(r?.answer) ?? str(r?.message)) : str(obj(r?.error)?.message);
  return text ? text.slice(0, 300) : undefined;
}

export function toPageEvent(e: AssistantEvent): PageEvent {
  if (e.type !== 'tool_result') return e;
  return {
    type: 'tool_result',
    id: e.id,
    name: e.name,
    ok: e.ok,
    note: noteOf(e.ok, e.result),
    requests: e.ok ? requestsIn(e.result) : [],
    citations: e.ok ? citationsIn(e.result) : [],
  };
}

/** Folds a turn's page events into what the conversation keeps. */
export function collect(events: PageEvent[]): {
  text: string;
  tools: ToolTrace[];
  requests: string[];
  citations: Citation[];
  error?: string;
} {
  let text = '';
  let error: string | undefined;
  const tools: ToolTrace[] = [];
  const calls = new Map<string, Record<string, unknown>>();
  const requests = new Set<string>();
  const citations = new Map<string, Citation>();
  for (const e of events) {
    if (e.type === 'text') text += e.delta;
    else if (e.type === 'done') text = e.text || text;
    else if (e.type === 'error') error = e.message;
    else if (e.type === 'tool_call') calls.set(e.id, e.arguments);
    else {
      tools.push({ name: e.name, arguments: calls.get(e.id) ?? {}, ok: e.ok, ...(e.note ? { note: e.note } : {}) });
      for (const r of e.requests) requests.add(r.id);
      for (const c of e.citations) citations.set(`${c.path}#${c.heading ?? ''}`, c);
    }
  }
  return { text, tools, requests: [...requests], citations: [...citations.values()], ...(error ? { error } : {}) };
}
