// A process as the table shows it: what was sampled plus CPU% and MEM% derived from two samples.
import type { ProcessInfo, Sample } from '../sampling/types.js';

export interface ProcessRow extends ProcessInfo {
  /** CPU% over the last interval; 100 = one core fully busy. */
  cpu: number;
  /** Resident memory as a percentage of total memory. */
  mem: number;
}

/**
 * CPU% of one process between two readings of its cumulative CPU time. A process seen for the
 * first time, or whose PID now names a different process (start time changed), has no delta.
 */
export function cpuPercent(previous: ProcessInfo | undefined, current: ProcessInfo, elapsedSeconds: number): number {
  if (current.cpuTime < 0) return current.sourceCpu ?? 0;
  if (!previous || previous.startTime !== current.startTime || previous.cpuTime < 0) return 0;
  if (!(elapsedSeconds > 0)) return 0;
  const percent = ((current.cpuTime - previous.cpuTime) / elapsedSeconds) * 100;
  // A counter cannot go backwards; clamp rounding noise rather than show -0.1%.
  return percent > 0 ? percent : 0;
}

export function memPercent(rss: number, totalMemory: number): number {
  return totalMemory > 0 ? (rss / totalMemory) * 100 : 0;
}

/** Rows for `current`, with CPU% from the delta against `previous` (null for the first sample). */
export function deriveRows(previous: Sample | null, current: Sample): ProcessRow[] {
  const before = new Map<number, ProcessInfo>();
  if (previous) for (const p of previous.processes) before.set(p.pid, p);
  const elapsed = previous ? (current.monotonic - previous.monotonic) / 1000 : 0;
  const total = current.memory.total;
  return current.processes.map((p) => {
    const cpu = cpuPercent(before.get(p.pid), p, elapsed);
    const mem = memPercent(p.rss, total);
    // A sampler gives the same object again for a process whose stat line did not change; its
    // row from then is reused when it reads the same.
    const made = rowOf.get(p);
    if (made && made.cpu === cpu && made.mem === mem) return made;
    const row = toRow(p, cpu, mem);
    rowOf.set(p, row);
    return row;
  });
}

/** The last row made from each process object, for as long as the object lives. */
const rowOf = new WeakMap<ProcessInfo, ProcessRow>();

/**
 * A row spelled out field by field, not `{ ...p, cpu, mem }`: V8 gives a spread copy of this many
 * fields only 4 in-object slots and grows a separate property store for the rest, so the spread
 * was far slower and left garbage each refresh (docs/performance.md).
 */
function toRow(p: ProcessInfo, cpu: number, mem: number): ProcessRow {
  const row: ProcessRow = {
    pid: p.pid,
    ppid: p.ppid,
    uid: p.uid,
    user: p.user,
    state: p.state,
    priority: p.priority,
    nice: p.nice,
    threads: p.threads,
    vsz: p.vsz,
    rss: p.rss,
    startTime: p.startTime,
    cpuTime: p.cpuTime,
    processor: p.processor,
    name: p.name,
    command: p.command,
    kernelThread: p.kernelThread,
    cpu,
    mem,
  };
  if (p.sourceCpu !== undefined) row.sourceCpu = p.sourceCpu;
  return row;
}
