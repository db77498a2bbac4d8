// How signal messages name a process: "1234 sleep 30", the command made harmless and cut short.
import { sanitizeText } from '../model/sanitize.js';
import { cutToWidth, displayWidth } from '../model/text-width.js';

/** Cells of a command kept in a message line: enough to recognise it, short enough for one line. */
export const COMMAND_CELLS = 40;

/** `text` sanitized and cut to `cells` display cells, with "…" when something was cut. */
export function shortText(text: string, cells = COMMAND_CELLS): string {
  const safe = sanitizeText(text).trim();
  if (displayWidth(safe) <= cells) return safe;
  return `${cutToWidth(safe, cells - 1).trimEnd()}…`;
}

/** "1234 sleep 30", or "1234" when the command is unknown. */
export function processLabel(pid: number, command: string, cells = COMMAND_CELLS): string {
  const shown = shortText(command, cells);
  return shown === '' ? String(pid) : `${pid} ${shown}`;
}
