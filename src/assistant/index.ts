// The helpdesk assistant: createAssistant and its contract.
export { createAssistant, type AssistantOptions } from './assistant.js';
export type {
  ChatModel,
  ChatModelMessage,
  ChatReply,
  ChatReplyRequest,
  ChatToolCall,
  ChatToolDefinition,
} from './chat-model.js';
export { lazyOpenAiChatModel } from './models/lazy-openai-chat-model.js';
export type { OpenAiChatModelOptions } from './models/openai-chat-model.js';
export { ASSISTANT_CLIENT_ID } from './tool-session.js';
export { NOT_CONFIGURED } from './model-errors.js';
export type { Assistant, AssistantEvent, ChatMessage } from './types.js';
