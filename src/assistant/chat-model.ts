// The chat-model port: what the assistant needs from a model endpoint (a streamed reply with tool calls, and safe error messages).

/** A tool the model may call: name, description, and a JSON Schema for its arguments. */
export interface ChatToolDefinition {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** A tool call the model made (arguments is the raw JSON text the model wrote). */
export interface ChatToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** One message of the conversation sent to the model. */
export type ChatModelMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string | null; toolCalls?: ChatToolCall[] }
  | { role: 'tool'; toolCallId: string; content: string };

/** The assembled reply once the stream ends. */
export interface ChatReply {
  text: string;
  toolCalls: ChatToolCall[];
  finishReason: string | null;
}

export interface ChatReplyRequest {
  messages: ChatModelMessage[];
  /** The tools on offer; with none, the model is asked for text only. */
  tools: ChatToolDefinition[];
  /** `none` asks the model to answer without calling a tool (the last round). */
  toolChoice: 'auto' | 'none';
  signal?: AbortSignal;
}

export interface ChatModel {
  /** Streams one reply: yields text deltas as they arrive, returns the assembled text and tool calls. */
  streamReply(request: ChatReplyRequest): AsyncGenerator<string, ChatReply>;
  /** A clear, secret-free sentence for the chat when `err` is the model endpoint's; `null` otherwise (a bug: log it). */
  describeError(err: unknown): string | null;
}
