// The message line's news: what the last action did, a warning, an error; it fades after a while.
import type { SliceCreator } from './app-store.js';

type MessageLevel = 'info' | 'warn' | 'error';

export interface Message {
  text: string;
  level: MessageLevel;
  /** Date.now() when shown; messages fade after MESSAGE_TTL_MS. */
  at: number;
  /** A signal's result: news a selection moving off the process it ended is added to, not put over. */
  kind?: 'signal';
  /** The message as first shown, before news was added to it (each addition replaces the last). */
  base?: string;
}

const MESSAGE_TTL_MS = 6000;

export interface MessagesSlice {
  message: Message | null;
  notify(text: string, level?: MessageLevel, kind?: 'signal'): void;
  expireMessage(now?: number): void;
}

export function makeMessage(text: string, level: MessageLevel, at = Date.now()): Message {
  return { text, level, at };
}

export const createMessagesSlice: SliceCreator<MessagesSlice> = (set, get) => ({
  message: null,

  notify(text, level = 'info', kind) {
    set({ message: kind ? { ...makeMessage(text, level), kind } : makeMessage(text, level) });
  },
  expireMessage(now = Date.now()) {
    const { message } = get();
    if (message && now - message.at > MESSAGE_TTL_MS) set({ message: null });
  },
});
