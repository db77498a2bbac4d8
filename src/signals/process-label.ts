// How signal messages name a process: "1234 sleep 30", the command made harmless and cut short.
import { COMMAND_CELLS, shortText } from '../model/short-text.js';

/** "1234 sleep 30", or "1234" when the command is unknown. */
export function processLabel(pid: number, command: string, cells = COMMAND_CELLS): string {
  const shown = shortText(command, cells);
  return shown === '' ? String(pid) : `${pid} ${shown}`;
}
