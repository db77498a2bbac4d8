// A text from outside (a command line, a paste) as a message line shows it: harmless and short.
import { sanitizeText } from './sanitize.js';
import { cutToWidth, displayWidth } from './text-width.js';

/** Cells of a command kept in a message line: enough to recognise it, short enough for one line. */
export const COMMAND_CELLS = 40;

/** `text` sanitized and cut to `cells` display cells, with "…" when something was cut. */
export function shortText(text: string, cells = COMMAND_CELLS): string {
  const safe = sanitizeText(text).trim();
  if (displayWidth(safe) <= cells) return safe;
  return `${cutToWidth(safe, cells - 1).trimEnd()}…`;
}
