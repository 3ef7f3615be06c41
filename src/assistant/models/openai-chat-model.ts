// The chat-model port on the OpenAI client: OpenAI itself or any OpenAI-compatible endpoint (Azure, Ollama, vLLM).
import OpenAI from 'openai';
import type { ChatCompletionFunctionTool, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ChatModel, ChatModelMessage, ChatToolDefinition } from '../chat-model.js';
import { describeModelError } from './openai-errors.js';
import { streamReply } from './openai-stream.js';

export interface OpenAiChatModelOptions {
  /** Any value for servers that ignore it (Ollama, vLLM without auth). */
  apiKey: string;
  /** An OpenAI-compatible endpoint, e.g. `http://localhost:11434/v1`; default the OpenAI API. */
  baseURL?: string;
  model: string;
  /** Per model request (default 60 s). */
  timeoutMs?: number;
  /** Retries of 429/5xx/connection failures per model request (default 1: the person is waiting). */
  maxRetries?: number;
}

/** A port message in the OpenAI wire shape. */
function toOpenAiMessage(m: ChatModelMessage): ChatCompletionMessageParam {
  if (m.role === 'tool') return { role: 'tool', tool_call_id: m.toolCallId, content: m.content };
  if (m.role === 'assistant') {
    if (!m.toolCalls?.length) return { role: 'assistant', content: m.content };
    return {
      role: 'assistant',
      content: m.content,
      tool_calls: m.toolCalls.map((c) => ({
        id: c.id,
        type: 'function' as const,
        function: { name: c.name, arguments: c.arguments || '{}' },
      })),
    };
  }
  return { role: m.role, content: m.content };
}

const toFunctionTool = (t: ChatToolDefinition): ChatCompletionFunctionTool => ({
  type: 'function',
  function: { name: t.name, description: t.description, parameters: t.parameters },
});

/** Creates a chat model that talks to an OpenAI-compatible chat completions endpoint. */
export function createOpenAiChatModel(o: OpenAiChatModelOptions): ChatModel {
  const client = new OpenAI({
    apiKey: o.apiKey || 'unused',
    baseURL: o.baseURL,
    timeout: o.timeoutMs ?? 60_000,
    maxRetries: o.maxRetries ?? 1,
  });
  return {
    streamReply({ messages, tools, toolChoice, signal }) {
      const offered = tools.length ? { tools: tools.map(toFunctionTool), tool_choice: toolChoice } : {};
      return streamReply(client, { model: o.model, messages: messages.map(toOpenAiMessage), ...offered }, signal);
    },
    describeError: (err) => describeModelError(err, o),
  };
}
