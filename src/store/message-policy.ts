// What news of the selection (it moved off a process that exited) does to the message on screen:
// fresh news keeps its place, anything else gives way. Pure: the time is given.
import type { Message } from './messages-slice.js';

/** A message younger than this is the news of the moment: other news is added to it, not put over it. */
export const FRESH_MESSAGE_MS = 3000;

/**
 * The message after `news` at time `now`. A fresh signal result or warning stays, with the news
 * added to it (in place of any news added before): the result of the signal that ended the
 * process, or a pool worker's death and its orphaned child, which can arrive before the sample
 * that shows the exit. Any other message gives way to the news, as an info note.
 */
export function mergeNews(current: Message | null, news: string, now: number): Message {
  const keeps = current !== null && (current.kind === 'signal' || current.level !== 'info') && now - current.at < FRESH_MESSAGE_MS;
  if (!keeps) return { text: news, level: 'info', at: now };
  const base = current.base ?? current.text;
  return { ...current, base, text: `${base}; ${news}` };
}
