// A process as the table shows it: what was sampled plus CPU% and MEM% derived from two samples.
import type { ProcessInfo, Sample } from '../sampling/types.js';
import type { CpuTrend } from './cpu-trends.js';

export interface ProcessRow extends ProcessInfo {
  /** CPU% over the last interval; 100 = one core fully busy. */
  cpu: number;
  /** Resident memory as a percentage of total memory. */
  mem: number;
  /** Bytes per second read from and written to storage over the last interval; -1 when /proc/PID/io may not be read. */
  ioReadRate?: number;
  ioWriteRate?: number;
  /** Its CPU% over the last refreshes, set while the CPU graph column is shown. */
  cpuTrend?: CpuTrend;
}

/**
 * CPU% of one process between two readings of its cumulative CPU time. A process seen for the
 * first time, or whose PID now names a different process (start time changed), has no delta.
 * Without CPU time it is the source's own figure, or NaN (unknown) where the source has none.
 */
export function cpuPercent(previous: ProcessInfo | undefined, current: ProcessInfo, elapsedSeconds: number): number {
  if (current.cpuTime < 0) return current.sourceCpu ?? Number.NaN;
  if (!previous || previous.startTime !== current.startTime || previous.cpuTime < 0) return 0;
  if (!(elapsedSeconds > 0)) return 0;
  const percent = ((current.cpuTime - previous.cpuTime) / elapsedSeconds) * 100;
  // A counter cannot go backwards; clamp rounding noise rather than show -0.1%.
  return percent > 0 ? percent : 0;
}

/** MEM%: RES of total memory; the source's own figure where it gives no RES (NaN if neither). */
export function memPercent(process: ProcessInfo, totalMemory: number): number {
  if (!Number.isFinite(process.rss)) return process.sourceMem ?? Number.NaN;
  return totalMemory > 0 ? (process.rss / totalMemory) * 100 : 0;
}

/** Rows for `current`, with CPU% from the delta against `previous` (null for the first sample). */
export function deriveRows(previous: Sample | null, current: Sample): ProcessRow[] {
  const before = new Map<number, ProcessInfo>();
  if (previous) for (const p of previous.processes) before.set(p.pid, p);
  const elapsed = previous ? (current.monotonic - previous.monotonic) / 1000 : 0;
  const total = current.memory.total;
  return current.processes.map((p) => {
    const old = before.get(p.pid);
    const cpu = cpuPercent(old, p, elapsed);
    const mem = memPercent(p, total);
    // A sampler gives the same object again for a process whose stat line did not change; its
    // row from then is reused when it reads the same (Object.is: NaN, unknown, is the same too).
    const made = rowOf.get(p);
    const io = p.ioReadBytes === undefined ? undefined : ioRates(old, p, elapsed);
    if (made && Object.is(made.cpu, cpu) && Object.is(made.mem, mem) && made.ioReadRate === io?.read && made.ioWriteRate === io?.write) return made;
    const row = toRow(p, cpu, mem);
    if (io) {
      row.ioReadRate = io.read;
      row.ioWriteRate = io.write;
    }
    rowOf.set(p, row);
    return row;
  });
}

/**
 * Storage bytes per second between two readings of /proc/PID/io, as htop's DISK READ / WRITE;
 * -1 when the file may not be read, 0 for a process seen for the first time.
 */
export function ioRates(previous: ProcessInfo | undefined, current: ProcessInfo, elapsedSeconds: number): { read: number; write: number } {
  const rate = (now: number | undefined, then: number | undefined): number => {
    if (now === undefined || now < 0) return -1;
    if (then === undefined || then < 0 || !(elapsedSeconds > 0) || previous?.startTime !== current.startTime) return 0;
    return Math.max(0, (now - then) / elapsedSeconds);
  };
  return { read: rate(current.ioReadBytes, previous?.ioReadBytes), write: rate(current.ioWriteBytes, previous?.ioWriteBytes) };
}

/** The last row made from each process object, for as long as the object lives. */
const rowOf = new WeakMap<ProcessInfo, ProcessRow>();

const OPTIONAL_FIELDS = [
  'pgrp',
  'session',
  'tty',
  'tpgid',
  'minorFaults',
  'majorFaults',
  'userTime',
  'systemTime',
  'ioReadBytes',
  'ioWriteBytes',
  'cgroup',
  'oomScore',
  'contextSwitches',
  'wchan',
  'exe',
] as const satisfies readonly (keyof ProcessInfo)[];

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
    shared: p.shared,
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
  if (p.sourceMem !== undefined) row.sourceMem = p.sourceMem;
  // Present for every row of a source that reads them (/proc), so its rows keep one shape.
  for (const key of OPTIONAL_FIELDS) if (p[key] !== undefined) (row as unknown as Record<string, unknown>)[key] = p[key];
  if (p.threadOf !== undefined) row.threadOf = p.threadOf;
  return row;
}
