// `ps` taken at (about) the same moment as a snapshot, with start times, so a comparison can skip
// PIDs that were reused in between (pid_max can be as small as 32768, and PIDs wrap quickly).
import { execFileSync } from 'node:child_process';

export interface PsRow {
  pid: number;
  ppid: number;
  stat: string;
  /** Start time in ms since the epoch, to the second. */
  started: number;
}

function psTable(): PsRow[] {
  const text = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,stat=,lstart='], {
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C', TZ: process.env.TZ ?? '' },
  });
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [pid, ppid, stat, ...date] = line.trim().split(/\s+/);
      return { pid: Number(pid), ppid: Number(ppid), stat: stat ?? '', started: Date.parse(date.join(' ')) };
    });
}

/** The same process in both tables: same PID and a start time within two seconds (ps has whole seconds). */
export function sameProcess(ps: PsRow, startTime: string | null): boolean {
  if (startTime === null || !Number.isFinite(ps.started)) return false;
  return Math.abs(Date.parse(startTime) - ps.started) < 2000;
}

/**
 * `ps` before and after `during` runs, keeping only processes that were there both times with the
 * same start time and parent: whatever `during` saw of them must agree with ps. Processes that
 * started, ended or were re-parented in between prove nothing either way.
 */
export async function stableProcesses<T>(during: () => Promise<T>): Promise<{ result: T; stable: PsRow[] }> {
  const before = psTable();
  const result = await during();
  const after = new Map(psTable().map((p) => [p.pid, p]));
  const stable = before.filter((p) => {
    const later = after.get(p.pid);
    return later !== undefined && later.ppid === p.ppid && Math.abs(later.started - p.started) < 1000;
  });
  return { result, stable };
}
