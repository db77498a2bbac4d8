// One process's /proc/[pid]/stat read now, and what the pool and the signal checks take from it:
// its state and CPU time (a worker), its parent and start ticks (a family task's child).
import { parseProcStat, type ProcStat } from './parse-proc.js';
import { DENIED, type GONE, readProcFile } from './proc-file.js';
import { ticksToMs } from './kernel-units.js';
import { PROC_ROOT } from './procfs.js';

/**
 * The stat line of `pid`, parsed. GONE when it has no entry (it exited, or there is no /proc);
 * DENIED when the entry cannot be read (hidepid) or does not describe `pid`.
 */
export function readProcessStat(pid: number): ProcStat | typeof GONE | typeof DENIED {
  const text = readProcFile(`${PROC_ROOT}/${pid}/stat`);
  if (typeof text !== 'string') return text;
  const stat = parseProcStat(text);
  return stat !== null && stat.pid === pid ? stat : DENIED;
}

/** What the pool watches of a worker: its scheduler state and CPU time. */
export interface RunState {
  /** proc(5) state letter: R running, S sleeping, T stopped, t traced, Z zombie… */
  state: string;
  /** utime + stime. */
  cpuMs: number;
}

/** null when there is no readable /proc entry for `pid` (not Linux, gone, or hidden). */
export function readRunState(pid: number): RunState | null {
  const stat = readProcessStat(pid);
  return typeof stat === 'object' ? { state: stat.state, cpuMs: ticksToMs(stat.utime + stat.stime) } : null;
}

/** What the pool checks of a family task's child: who its parent is and whether it is still the same process. */
export interface ChildStat {
  ppid: number;
  startTicks: number;
  state: string;
}

export function readChildStat(pid: number): ChildStat | null {
  const stat = readProcessStat(pid);
  return typeof stat === 'object' ? { ppid: stat.ppid, startTicks: stat.startTicks, state: stat.state } : null;
}

/** Stat field 22, clock ticks after boot: tells a process from a later one given its PID. null when /proc cannot tell. */
export function readStartTicks(pid: number): number | null {
  const stat = readProcessStat(pid);
  return typeof stat === 'object' && Number.isFinite(stat.startTicks) ? stat.startTicks : null;
}

/**
 * CPU time of the children pooltop has reaped, and of everything they reaped in turn, in ms
 * (user, system): what bash's `time` reports of a command, as the difference across its run.
 * null without /proc.
 */
export function readReapedChildrenCpu(): { userMs: number; systemMs: number } | null {
  const stat = readProcessStat(process.pid);
  return typeof stat === 'object' ? { userMs: ticksToMs(stat.cutime), systemMs: ticksToMs(stat.cstime) } : null;
}

/** Stopped by a signal (T) or by a tracer (t): it runs nothing until continued. */
export function isStoppedState(state: string): boolean {
  return state === 'T' || state === 't';
}

/** A zombie has exited (its parent has yet to reap it); X is dead. Neither runs or can be signalled. */
export function isEndedState(state: string): boolean {
  return state === 'Z' || state === 'X';
}
