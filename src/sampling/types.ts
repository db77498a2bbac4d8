// The one shape every sampling source produces: a Sample of the whole system at one moment.
import type { HostCounters } from './host-counters.js';

/** One core's time split over the interval since the previous sample, in percent (sums to ~100). */
export interface CpuUsage {
  user: number;
  system: number;
  nice: number;
  idle: number;
}

export interface MemoryInfo {
  /** Bytes. */
  total: number;
  /** Bytes in use by processes (total − available), as htop shows it. */
  used: number;
  free: number;
  available: number;
  buffers: number;
  cached: number;
}

export interface SwapInfo {
  total: number;
  used: number;
  free: number;
}

export interface TaskCounts {
  total: number;
  running: number;
  sleeping: number;
  stopped: number;
  zombie: number;
  /** Threads over all processes (htop's "thr"). */
  threads: number;
}

/** One process as read from the system; CPU% and MEM% are derived later by the model. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  uid: number;
  user: string;
  /** One letter as in ps/htop: R S D Z T t I X W P. */
  state: string;
  priority: number;
  nice: number;
  threads: number;
  /** Virtual size in bytes. */
  vsz: number;
  /** Resident set size in bytes. */
  rss: number;
  /**
   * Start time in ms since the epoch. Deterministic for a live process (boot time plus its start
   * ticks), so reading it twice gives the same value: that is what the PID-reuse check relies on.
   * 0 when the source cannot tell.
   */
  startTime: number;
  /** Cumulative CPU time (user + system) in seconds; -1 when the source cannot tell. */
  cpuTime: number;
  /**
   * CPU% as the source computed it, for sources without cumulative CPU time (ps-list,
   * systeminformation). The model prefers its own delta of cpuTime when it has one.
   */
  sourceCpu?: number;
  /** The core the process last ran on, or -1 when unknown. */
  processor: number;
  /** Short name (comm), raw as read: may hold anything a user put there. */
  name: string;
  /** Full command line, arguments joined by spaces; `[name]` for kernel threads. Raw, untrusted. */
  command: string;
  /** True for kernel threads (no command line, child of kthreadd). */
  kernelThread: boolean;
  /** Process group ID (a job: what Ctrl-C reaches); absent when the source cannot tell. */
  pgrp?: number;
  /** Session ID (the login or terminal's session); absent when the source cannot tell. */
  session?: number;
  /** Foreground process group of its controlling terminal (-1 or 0: none); absent when the source cannot tell. */
  tpgid?: number;
}

export interface Sample {
  /** ms since the epoch when the sample was taken. */
  time: number;
  /** Monotonic clock (ms) when taken: CPU% deltas use this, immune to wall-clock jumps. */
  monotonic: number;
  cpus: CpuUsage[];
  memory: MemoryInfo;
  swap: SwapInfo;
  /** 1, 5 and 15 minute load averages. */
  load: [number, number, number];
  /** Seconds since boot. */
  uptime: number;
  tasks: TaskCounts;
  processes: ProcessInfo[];
  /** /proc entries that could not be read for a reason other than the process exiting. */
  unreadable: number;
  /** Which source produced it: for the user (snapshot --json says it); code asks `capabilities`. */
  source: SourceName;
  /** What that source can give, as its sampler declares it. */
  capabilities: SourceCapabilities;
  /** Cumulative CPU, disk and network counters, for sources that read them (/proc). */
  counters?: HostCounters;
}

/** What a source can tell of each process: code that depends on a field asks here, never the source's name. */
export interface SourceCapabilities {
  /**
   * How far a row's startTime may be from what the platform reads for the same process (the
   * PID-reuse check, src/platform/process-identity.ts), in ms: 0 when the source computes it
   * the same way from the same ticks, so the two are compared exactly; otherwise its error (a
   * source of whole seconds, compared within a window).
   */
  startTimePrecisionMs: number;
  /** Cumulative CPU time per process (ProcessInfo.cpuTime), from which CPU% is computed; without it the source's own CPU% is shown. */
  cpuTime: boolean;
}

export type SourceName = 'procfs' | 'systeminformation' | 'ps-list';
export const SOURCE_NAMES: readonly SourceName[] = ['procfs', 'systeminformation', 'ps-list'];

/**
 * Reads the system for the monitor: one implementation per source. (Reads that are not a
 * sample, such as the PID-reuse check's, go through src/platform.)
 */
export interface Sampler {
  readonly source: SourceName;
  readonly capabilities: SourceCapabilities;
  sample(): Promise<Sample>;
  /** Releases anything held between samples (file handles, caches). */
  close(): void;
}
