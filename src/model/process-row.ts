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
export function cpuPercent(
  previous: ProcessInfo | undefined,
  current: ProcessInfo,
  elapsedSeconds: number,
): number {
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
  return current.processes.map((p) => ({
    ...p,
    cpu: cpuPercent(before.get(p.pid), p, elapsed),
    mem: memPercent(p.rss, total),
  }));
}
