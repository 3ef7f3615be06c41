// The helpdesk assistant's contract: a conversation turn in, a stream of events out (text, tool calls, results).
import type { PersonRef } from '../core/principal.js';

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** What the chat page shows as a turn runs. */
export type AssistantEvent =
  | { type: 'text'; delta: string }
  | { type: 'tool_call'; id: string; name: string; arguments: Record<string, unknown> }
  | { type: 'tool_result'; id: string; name: string; ok: boolean; result: unknown }
  | { type: 'done'; text: string }
  | { type: 'error'; message: string };

export interface Assistant {
  /** Whether a model is configured; without one the page explains how to configure it. */
  readonly configured: boolean;
  /** Runs one turn for `person`: the model may call Warden's tools (as client `helpdesk-assistant`) before answering. */
  turn(opts: { person: PersonRef; conversation: ChatMessage[]; signal?: AbortSignal }): AsyncIterable<AssistantEvent>;
}
