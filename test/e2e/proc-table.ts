// What /proc says about the processes an end-to-end test started: parents, children, liveness
// and identity, so a test signals only its own processes and can tell a reused PID from its own.
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

/** A process as /proc/<pid>/stat names it; `startTime` (clock ticks after boot) tells it from a later process with the same PID. */
export interface ProcRef {
  pid: number;
  ppid: number;
  /** One-letter state: R, S, D, T, Z, … */
  state: string;
  startTime: number;
}

/** /proc/<pid>/stat parsed, or null when the process is gone (or was never there). */
export function readProc(pid: number): ProcRef | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name sits in parentheses and may itself contain spaces or ')': split after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is stat's field 3 (state), so stat's field n is fields[n - 3].
  return { pid, ppid: Number(fields[1]), state: fields[0] ?? '?', startTime: Number(fields[19]) };
}

/** The command line of a process (arguments joined by spaces), or '' when it is gone. */
export function readCmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return '';
  }
}

/** Every process whose parent is `ppid` (Linux builds without /proc/<pid>/task/<tid>/children are common, so scan). */
export function childrenOf(ppid: number): ProcRef[] {
  const out: ProcRef[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const proc = readProc(Number(name));
    if (proc && proc.ppid === ppid) out.push(proc);
  }
  return out;
}

/** `pid`'s descendants, children before grandchildren. */
export function descendantsOf(pid: number): ProcRef[] {
  const out: ProcRef[] = [];
  let level = childrenOf(pid);
  while (level.length > 0) {
    out.push(...level);
    level = level.flatMap((p) => childrenOf(p.pid));
  }
  return out;
}

/** Whether this very process (same PID and start time) still runs; a zombie has ended. */
export function isRunning(ref: ProcRef): boolean {
  const now = readProc(ref.pid);
  return now !== null && now.startTime === ref.startTime && now.state !== 'Z' && now.state !== 'X';
}

/**
 * Sends `signal` to a process the test started, only if it is still that process. PIDs below 2
 * are refused outright: 0 and -1 would signal a whole group or every process we may signal.
 */
export function signalProcess(ref: ProcRef, signal: NodeJS.Signals): boolean {
  if (!Number.isInteger(ref.pid) || ref.pid < 2) throw new Error(`refusing to signal PID ${ref.pid}`);
  if (!isRunning(ref)) return false;
  try {
    process.kill(ref.pid, signal);
    return true;
  } catch {
    // ESRCH: it ended between the check and the signal.
    return false;
  }
}

/** Polls until none of `refs` runs, or `timeoutMs` passes; returns those still running. */
export async function waitUntilGone(refs: readonly ProcRef[], timeoutMs: number): Promise<ProcRef[]> {
  const deadline = Date.now() + timeoutMs;
  let alive = refs.filter(isRunning);
  while (alive.length > 0 && Date.now() < deadline) {
    await delay(50);
    alive = alive.filter(isRunning);
  }
  return alive;
}

/**
 * For after-hooks: SIGKILLs those of `pids` that are still a pooltop worker (by command line),
 * so a failed test leaves none of the workers it started. Never PIDs below 2, never this process.
 */
export function killLeftoverWorkers(pids: Iterable<number>): void {
  for (const pid of pids) {
    if (!Number.isInteger(pid) || pid < 2 || pid === process.pid) continue;
    if (!readCmdline(pid).startsWith('pooltop-worker')) continue;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // ESRCH: it ended between the check and the signal.
    }
  }
}

/** How long after `t0` each process was last seen running, and how far apart the looks were. */
export interface EndWatch {
  /** ms after t0 each PID was last seen running (0: not even at the first look). */
  lastRunning: Map<number, number>;
  /** ms after t0 of the first look that found each PID ended (absent: still running). */
  endedBy: Map<number, number>;
  /** The processes still running when the watch gave up. */
  alive: ProcRef[];
  /** The longest gap between two looks, ms: how late an end could be seen (the scheduling slack). */
  maxGapMs: number;
  looks: number;
}

/**
 * Looks at `refs` as often as the event loop lets (setImmediate between looks, no timer), from
 * `t0` (a performance.now() reading) until none runs or `timeoutMs` passes. The last time a
 * process was seen running bounds its life from below; `maxGapMs` says how much later it could
 * have ended unseen.
 */
export async function watchEnds(refs: readonly ProcRef[], t0: number, timeoutMs: number): Promise<EndWatch> {
  const lastRunning = new Map(refs.map((r) => [r.pid, 0]));
  const endedBy = new Map<number, number>();
  let alive = [...refs];
  let previous = performance.now();
  let maxGapMs = previous - t0;
  let looks = 0;
  while (alive.length > 0 && previous - t0 < timeoutMs) {
    await new Promise((resolve) => setImmediate(resolve));
    const now = performance.now();
    maxGapMs = Math.max(maxGapMs, now - previous);
    previous = now;
    looks++;
    const ended = alive.filter((r) => !isRunning(r));
    alive = alive.filter((r) => !ended.includes(r));
    // Taken after the reads, so a time is never earlier than the look that saw it running.
    const seen = performance.now() - t0;
    for (const r of alive) lastRunning.set(r.pid, seen);
    for (const r of ended) endedBy.set(r.pid, seen);
  }
  return { lastRunning, endedBy, alive, maxGapMs, looks };
}
