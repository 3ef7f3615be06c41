// Conversations kept per person in the store (so every replica sees them): the turns and what each answer showed.
import type { Store } from '../../../core/store.js';
import type { ChatMessage } from '../../../assistant/types.js';

export interface Citation {
  title: string;
  heading?: string;
  url?: string;
  path: string;
}
export interface ToolTrace {
  name: string;
  arguments: Record<string, unknown>;
  ok: boolean;
  note?: string;
}

export interface Turn {
  role: 'user' | 'assistant';
  content: string;
  at: string;
  tools?: ToolTrace[];
  /** Access requests the answer filed or showed, by id. */
  requests?: string[];
  citations?: Citation[];
  /** Set when the turn ended with an error message instead of an answer. */
  error?: boolean;
}

export interface Conversations {
  load(login: string): Promise<Turn[]>;
  append(login: string, ...turns: Turn[]): Promise<void>;
  clear(login: string): Promise<void>;
}

/** Recent turns sent back to the model with each new message. */
export const toModelConversation = (turns: Turn[], max = 20): ChatMessage[] =>
  turns
    .filter((t) => !t.error && t.content)
    .slice(-max)
    .map((t) => ({ role: t.role, content: t.content }));

export function createConversations(
  store: Pick<Store, 'getMeta' | 'setMeta'>,
  opts: { maxTurns?: number } = {},
): Conversations {
  const max = opts.maxTurns ?? 60;
  const key = (login: string) => `web.chat:${login.toLowerCase()}`;
  const load = async (login: string): Promise<Turn[]> => {
    const raw = await store.getMeta(key(login));
    if (!raw) return [];
    try {
      const v = JSON.parse(raw) as unknown;
      return Array.isArray(v) ? (v as Turn[]) : [];
    } catch {
      return [];
    }
  };
  return {
    load,
    async append(login, ...turns) {
      const all = [...(await load(login)), ...turns].slice(-max);
      await store.setMeta(key(login), JSON.stringify(all));
    },
    clear: (login) => store.setMeta(key(login), '[]'),
  };
}
