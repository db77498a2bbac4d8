// The real pooltop binary in a tmux terminal, started the way every end-to-end test starts it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasMainScreen } from './monitor-screen.js';
import { TmuxSession, type TmuxSessionOptions } from './tmux-session.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const POOLTOP_BIN = join(REPO_ROOT, 'bin', 'pooltop');

export interface PooltopOptions extends Omit<TmuxSessionOptions, 'command'> {
  /** How long the first full screen may take: node's start, Ink's and the first sample. */
  startTimeoutMs?: number;
  /** Return as soon as the session exists instead of waiting for the main screen (for runs that end at once). */
  noWait?: boolean;
}

/**
 * Starts `bin/pooltop ...args` in a 120×40 terminal and waits until its main screen (header,
 * titles, rows, key bar) is drawn. If it never is, the session is killed before the error is thrown.
 */
export async function startPooltop(args: readonly string[] = [], options: PooltopOptions = {}): Promise<TmuxSession> {
  if (!existsSync(join(REPO_ROOT, 'dist', 'cli.js'))) {
    throw new Error('dist/ is missing: run `npm run build` before the end-to-end tests (npm test does)');
  }
  const { startTimeoutMs = 15_000, noWait = false, ...sessionOptions } = options;
  const session = await TmuxSession.start({ cwd: REPO_ROOT, label: 'pooltop', ...sessionOptions, command: [POOLTOP_BIN, ...args] });
  if (noWait) return session;
  try {
    await session.waitFor(hasMainScreen, { timeoutMs: startTimeoutMs, description: "pooltop's first full screen" });
  } catch (error) {
    await session.kill();
    throw error;
  }
  return session;
}
