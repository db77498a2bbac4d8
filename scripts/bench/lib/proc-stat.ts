// What the bench reads about a process from /proc: CPU time (coarse from stat, precise from
// schedstat), memory high-water mark, start time (for the PID-reuse check), and process counts.
import { readdirSync, readFileSync } from 'node:fs';

const CLK_TCK = 100;

export interface ProcCpu {
  /** utime + stime of the process (all its threads), ms; 10 ms resolution. */
  selfMs: number;
  /** cutime + cstime: children it has waited for, ms. */
  childrenMs: number;
  /** Sum of the live threads' on-CPU time from /proc/[pid]/task/[tid]/schedstat, ms (ns resolution). */
  schedMs: number;
  /**
   * Bytes written (wchar of /proc/[pid]/io): for a monitor, mostly its screen output; the kernel
   * adds what reaped children wrote, as it does their CPU to cutime.
   */
  written: number;
}

export interface ProcMemory {
  /** VmHWM: peak resident set size, bytes. */
  peakRss: number;
  /** VmRSS now, bytes. */
  rss: number;
}

/** Fields after the command name in /proc/[pid]/stat (the name may hold spaces and parentheses). */
function statFields(pid: number): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** Start time in clock ticks since boot, or null when the process is gone. */
export function startTicks(pid: number): number | null {
  const fields = statFields(pid);
  return fields ? Number(fields[19]) : null;
}

/** The one-letter state (R, S, Z, ...), or null when the process is gone. */
export function processState(pid: number): string | null {
  return statFields(pid)?.[0] ?? null;
}

export function parentPid(pid: number): number | null {
  const fields = statFields(pid);
  return fields ? Number(fields[1]) : null;
}

export function commandName(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trimEnd();
  } catch {
    return null;
  }
}

export function readCpu(pid: number): ProcCpu | null {
  const fields = statFields(pid);
  if (!fields) return null;
  const ticks = (i: number) => Number(fields[i]);
  const sched = schedstat(pid);
  if (!sched) return null;
  let written = Number.NaN;
  try {
    written = Number(/^wchar:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? Number.NaN);
  } catch {
    // /proc/[pid]/io needs ptrace access to the process; the figure is then unknown.
  }
  return {
    written,
    selfMs: ((ticks(11) + ticks(12)) * 1000) / CLK_TCK,
    childrenMs: ((ticks(13) + ticks(14)) * 1000) / CLK_TCK,
    schedMs: sched.runNs / 1e6,
  };
}

/** The live threads' schedstat summed: time on a core, and time runnable but waiting for one, ns. */
function schedstat(pid: number): { runNs: number; waitNs: number } | null {
  const sums = { runNs: 0, waitNs: 0 };
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const [run, wait] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ');
        sums.runNs += Number(run);
        sums.waitNs += Number(wait);
      } catch {
        // The thread ended between listing and reading.
      }
    }
  } catch {
    return null;
  }
  return sums;
}

/**
 * Time the live threads spent runnable but waiting for a core, ms: a program short of CPU waits
 * here, and then does fewer refreshes than it was asked for.
 */
export function readRunQueueWaitMs(pid: number): number | null {
  const sched = schedstat(pid);
  return sched ? sched.waitNs / 1e6 : null;
}

export function readMemory(pid: number): ProcMemory | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { peakRss: kb('VmHWM'), rss: kb('VmRSS') };
  } catch {
    return null;
  }
}

/** Processes (not threads) in /proc right now. */
export function countProcesses(): number {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).length;
}
