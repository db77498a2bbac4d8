// Mouse input as a terminal sends it once pooltop asks for SGR reports: the bytes written straight
// into the pane (`send-keys -H`), since a detached tmux has no client to click in.
import type { TmuxSession } from './tmux-session.js';

/** Writes raw bytes to the program, as the terminal would. */
export async function sendBytes(session: TmuxSession, text: string): Promise<void> {
  await session.tmux('send-keys', '-t', session.pane, '-H', ...[...Buffer.from(text, 'utf8')].map((b) => b.toString(16).padStart(2, '0')));
}

/** ESC [ < b ; x ; y M: a press of button `button` at cell x, line y (from 0). */
function pressReport(x: number, y: number, button = 0): string {
  return `\x1b[<${button};${x + 1};${y + 1}M`;
}

function releaseReport(x: number, y: number, button = 0): string {
  return `\x1b[<${button};${x + 1};${y + 1}m`;
}

/** A left click (press and release) at cell x, line y. */
export async function click(session: TmuxSession, x: number, y: number): Promise<void> {
  await sendBytes(session, pressReport(x, y) + releaseReport(x, y));
}

/** Two clicks in one write: well within any double-click time. */
export async function doubleClick(session: TmuxSession, x: number, y: number): Promise<void> {
  await sendBytes(session, pressReport(x, y) + releaseReport(x, y) + pressReport(x, y) + releaseReport(x, y));
}

/** One notch of the wheel, up or down, over cell x, line y. */
export async function wheel(session: TmuxSession, x: number, y: number, direction: 'up' | 'down'): Promise<void> {
  await sendBytes(session, `\x1b[<${direction === 'up' ? 64 : 65};${x + 1};${y + 1}M`);
}
