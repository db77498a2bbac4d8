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

export function psTable(): PsRow[] {
  const text = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,stat=,lstart='], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C', TZ: process.env.TZ ?? '' } });
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
