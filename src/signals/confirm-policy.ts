// When sending a signal must first be confirmed with `y`, and the one-line question asked.
import { processLabel } from './process-label.js';
import { lookupSignal, signalLabel, type SignalSpec } from './signal-table.js';

/** Commands named in the prompt before "and N more". */
const NAMED_IN_PROMPT = 3;
/** Cells per command when several are named, so the question fits a line of a wide terminal. */
const CELLS_EACH = 20;
/** How every question ends. */
const ANSWER = ' — y to send, any other key cancels';

/**
 * True when the signal ends processes that do not handle it and a target is not pooltop's own (a
 * pool worker), and for any signal at all when more than one target is not pooltop's own: `c` on
 * a shell (or on PID 1) then `z` would otherwise pause a whole tree, or the machine, on one key.
 * An unknown signal needs no question: it will be refused anyway.
 */
export function needsConfirmation(signal: SignalSpec, targets: readonly { pid: number }[], startedByPooltop: (pid: number) => boolean): boolean {
  const info = lookupSignal(signal);
  if (!info) return false;
  let others = 0;
  for (const target of targets) if (!startedByPooltop(target.pid)) others++;
  return others > (info.destructive ? 0 : 1);
}

/**
 * "Send SIGKILL (9) to 3 processes: 1234 sleep 30, 1240 bash, 1241 node and 2 more? — y to send,
 * any other key cancels". Commands are sanitized and cut, so the line holds no control byte.
 */
export function confirmationPrompt(signal: SignalSpec, targets: readonly { pid: number; command: string }[]): string {
  const info = lookupSignal(signal);
  const shown = info ? signalLabel(info) : 'an unknown signal';
  const cells = targets.length === 1 ? undefined : CELLS_EACH;
  const named = targets.slice(0, NAMED_IN_PROMPT).map((target) => processLabel(target.pid, target.command, cells));
  const more = targets.length - named.length;
  const list = more > 0 ? `${named.join(', ')} and ${more} more` : named.join(', ');
  const whom = targets.length === 1 ? list : `${targets.length} processes: ${list}`;
  return `Send ${shown} to ${whom}?${ANSWER}`;
}

/**
 * "Send SIGKILL (9) to 1234 bash and all its descendants (3 processes now)? — y to send, any other
 * key cancels": the subtree counted from the rows on screen; the kill lists it again from /proc.
 */
export function subtreePrompt(signal: SignalSpec, root: { pid: number; command: string }, members: number): string {
  const info = lookupSignal(signal);
  const shown = info ? signalLabel(info) : 'an unknown signal';
  const count = members === 1 ? '1 process' : `${members} processes`;
  return `Send ${shown} to ${processLabel(root.pid, root.command)} and all its descendants (${count} now)?${ANSWER}`;
}
