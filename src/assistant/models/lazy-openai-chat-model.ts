// The OpenAI chat model, loaded on the first chat: the `openai` package (~150 modules) stays out of a server's start.
import type { ChatModel } from '../chat-model.js';
import type { OpenAiChatModelOptions } from './openai-chat-model.js';

/** Same contract as createOpenAiChatModel; the client is built by the first reply that needs it (once, shared). */
export function lazyOpenAiChatModel(o: OpenAiChatModelOptions): ChatModel {
  let model: ChatModel | undefined;
  let loading: Promise<ChatModel> | undefined;
  const load = (): Promise<ChatModel> =>
    (loading ??= import('./openai-chat-model.js').then((m) => (model = m.createOpenAiChatModel(o))));
  return {
    async *streamReply(request) {
      return yield* (await load()).streamReply(request);
    },
    // An endpoint error can only come from a reply, which loaded the model first; before that nothing is the model's.
    describeError: (err) => model?.describeError(err) ?? null,
  };
}
