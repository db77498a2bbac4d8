// What /proc says about a worker right now: its scheduler state and CPU time (Linux only).
import { parseProcStat } from '../sampling/parse-proc.js';
import { readProcFile } from '../sampling/read-proc-file.js';

/** sysconf(_SC_CLK_TCK): 100 on every Linux architecture Node runs on. */
const CLK_TCK = 100;

export interface WorkerProcState {
  /** proc(5) state letter: R running, S sleeping, T stopped, t traced, Z zombie… */
  state: string;
  cpuMs: number;
}

/** null when there is no /proc entry (not Linux, or the process is gone) or it cannot be read. */
export function readWorkerProcState(pid: number): WorkerProcState | null {
  const text = readProcFile(`/proc/${pid}/stat`, 1024);
  if (typeof text !== 'string') return null;
  const stat = parseProcStat(text);
  if (stat === null || stat.pid !== pid) return null;
  return { state: stat.state, cpuMs: ((stat.utime + stat.stime) * 1000) / CLK_TCK };
}

/** Stopped by a signal (T) or by a tracer (t): it will not run a task until continued. */
export function isStoppedState(state: string): boolean {
  return state === 'T' || state === 't';
}
