// One streamed OpenAI chat completion: yields text deltas as they arrive and returns the assembled text and tool calls.
import type OpenAI from 'openai';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import type { ChatReply, ChatToolCall } from '../chat-model.js';

/**
 * Streams one completion. Tool call fragments are merged by `index` (OpenAI, vLLM) and, for servers
 * that send whole calls without an index (some Ollama versions), by arrival order.
 */
export async function* streamReply(
  client: OpenAI,
  params: Omit<ChatCompletionCreateParamsStreaming, 'stream'>,
  signal?: AbortSignal,
): AsyncGenerator<string, ChatReply> {
  const stream = await client.chat.completions.create({ ...params, stream: true }, { signal });
  let text = '';
  let finishReason: string | null = null;
  const calls = new Map<number, ChatToolCall>();
  for await (const chunk of stream) {
    const choice = chunk.choices?.[0];
    if (!choice) continue;
    const delta = choice.delta ?? {};
    if (typeof delta.content === 'string' && delta.content.length > 0) {
      text += delta.content;
      yield delta.content;
    }
    for (const [i, tc] of (delta.tool_calls ?? []).entries()) {
      const index = typeof tc.index === 'number' ? tc.index : calls.size + i;
      const call = calls.get(index) ?? { id: '', name: '', arguments: '' };
      if (tc.id) call.id = tc.id;
      if (tc.function?.name) call.name += tc.function.name;
      if (tc.function?.arguments) call.arguments += tc.function.arguments;
      calls.set(index, call);
    }
    if (choice.finish_reason) finishReason = choice.finish_reason;
  }
  const toolCalls = [...calls.entries()].sort(([a], [b]) => a - b).map(([i, c]) => ({ ...c, id: c.id || `call_${i}` }));
  return { text, toolCalls: toolCalls.filter((c) => c.name), finishReason };
}
