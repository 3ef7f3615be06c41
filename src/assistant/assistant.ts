// The helpdesk assistant loop: stream the model's reply, run the tools it calls through Warden's MCP server, feed results back, repeat.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { PolicyPort } from '../core/policy.js';
import type { PersonRef } from '../core/principal.js';
import type { Governance } from '../governance/governance.js';
import type { Assistant, AssistantEvent, ChatMessage } from './types.js';
import type { ChatModel, ChatModelMessage } from './chat-model.js';
import { NOT_CONFIGURED } from './model-errors.js';
import { systemPrompt } from './system-prompt.js';
import { cachedValidator } from '../mcp/in-process-client.js';
import { openToolSession, parseArguments, toolFailure, type ToolSession } from './tool-session.js';

export interface AssistantOptions {
  governance: Governance;
  policy: PolicyPort;
  /** The chat model (see models/); without one the assistant is unconfigured. */
  model?: ChatModel;
  log: Logger;
  /** Rounds of tool calls per turn before the model must answer with what it has (default 6). */
  maxToolRounds?: number;
}

const ROUNDS_NOTE =
  '\n\n(I stopped calling tools after several rounds; ask a narrower question if this answer is incomplete.)';

/** Creates the assistant. Without a `model` it is unconfigured and every turn explains how to configure it. */
export function createAssistant(opts: AssistantOptions): Assistant {
  if (!opts.model) {
    return {
      configured: false,
      async *turn() {
        yield { type: 'error', message: NOT_CONFIGURED };
      },
    };
  }
  const model: ChatModel = opts.model;
  const maxRounds = Math.max(0, opts.maxToolRounds ?? 6);
  // One per assistant: the MCP client and server of every turn reuse compiled schemas.
  const validator = cachedValidator();

  async function* turn(t: {
    person: PersonRef;
    conversation: ChatMessage[];
    signal?: AbortSignal;
  }): AsyncGenerator<AssistantEvent> {
    const turnId = randomUUID();
    const log = opts.log.child({ component: 'assistant', turnId, person: t.person.login });
    let session: ToolSession | undefined;
    let said = '';
    try {
      session = await openToolSession({
        governance: opts.governance,
        policy: opts.policy,
        person: t.person,
        validator,
      });
      const messages: ChatModelMessage[] = [
        { role: 'system', content: systemPrompt(t.person) },
        ...t.conversation.map((c): ChatModelMessage => ({ role: c.role, content: c.content })),
      ];
      for (let round = 0; ; round++) {
        const last = round >= maxRounds;
        const stream = model.streamReply({
          messages,
          tools: session.functions,
          toolChoice: last ? 'none' : 'auto',
          signal: t.signal,
        });
        let step = await stream.next();
        for (; !step.done; step = await stream.next()) {
          said += step.value;
          yield { type: 'text', delta: step.value };
        }
        // The SDK may end an aborted stream quietly: a cut-off reply is neither done nor an error.
        if (t.signal?.aborted) return;
        const reply = step.value;
        if (reply.toolCalls.length === 0 || last) {
          if (reply.toolCalls.length > 0) {
            said += ROUNDS_NOTE;
            yield { type: 'text', delta: ROUNDS_NOTE };
          }
          log.info({ rounds: round, chars: said.length }, 'assistant turn done');
          yield { type: 'done', text: said };
          return;
        }
        messages.push({ role: 'assistant', content: reply.text || null, toolCalls: reply.toolCalls });
        for (const c of reply.toolCalls) {
          const parsed = parseArguments(c.arguments);
          yield { type: 'tool_call', id: c.id, name: c.name, arguments: parsed.ok ? parsed.args : {} };
          const outcome = parsed.ok
            ? await session.call(c.name, parsed.args, t.signal)
            : toolFailure('invalid_input', parsed.message);
          yield { type: 'tool_result', id: c.id, name: c.name, ok: outcome.ok, result: outcome.result };
          messages.push({ role: 'tool', toolCallId: c.id, content: outcome.content });
        }
        if (t.signal?.aborted) return;
      }
    } catch (err) {
      if (t.signal?.aborted) return;
      const message = model.describeError(err);
      if (message) {
        log.warn(
          { status: (err as { status?: number }).status, kind: (err as Error).constructor?.name },
          'assistant: model request failed',
        );
        yield { type: 'error', message };
      } else {
        log.error({ err }, 'assistant turn failed unexpectedly');
        yield { type: 'error', message: `The assistant hit an unexpected error. Reference: ${turnId}.` };
      }
    } finally {
      await session?.close().catch(() => undefined);
    }
  }

  return { configured: true, turn };
}
