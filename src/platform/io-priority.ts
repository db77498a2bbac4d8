// A process's I/O scheduling class and level, as util-linux's ionice reports it (Linux has no
// /proc file for ioprio, and Node no ioprio_get): run only for the details view, not per refresh.
import { execFile } from 'node:child_process';

/**
 * "best-effort 4", "idle", "none (from nice: best-effort 4)"; null when ionice is missing or
 * fails. Asynchronous: the spawn takes 3–15 ms, which the screen should not wait for.
 */
export function readIoPriority(pid: number, tool = 'ionice'): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(tool, ['-p', String(pid)], { encoding: 'utf8', timeout: 2000 }, (error, stdout) => resolve(error ? null : parseIonice(stdout)));
  });
}

/** ionice -p's line ("best-effort: prio 4", "idle", "none: prio 4") in pooltop's words. */
export function parseIonice(output: string): string | null {
  const match = /^(none|realtime|best-effort|idle)(?:: prio (\d))?\s*$/.exec(output.trim());
  if (!match) return null;
  const [, ioClass, level] = match;
  if (ioClass === 'none') return level === undefined ? 'none' : `none (from nice: best-effort ${level})`;
  return level === undefined ? ioClass! : `${ioClass} ${level}`;
}
