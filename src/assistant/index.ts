// The helpdesk assistant: createAssistant and its contract.
export { createAssistant, type AssistantOptions, type AssistantModelOptions } from './assistant.js';
export { ASSISTANT_CLIENT_ID } from './tool-session.js';
export { NOT_CONFIGURED } from './model-errors.js';
export type { Assistant, AssistantEvent, ChatMessage } from './types.js';
