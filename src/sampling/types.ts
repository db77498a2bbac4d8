// The one shape every sampling source produces: a Sample of the whole system at one moment.
import type { HostCounters } from './host-counters.js';

/** One core's time split over the interval since the previous sample, in percent (sums to ~100). */
export interface CpuUsage {
  user: number;
  system: number;
  nice: number;
  idle: number;
}

/**
 * Memory in bytes, split as htop 3 splits it (src/model/memory-parts.ts draws it): used, shared,
 * compressed, buffers and cache do not overlap, and with free they add up to total.
 */
export interface MemoryInfo {
  total: number;
  /**
   * What programs hold and the kernel cannot drop: total − free − buffers − Cached − SReclaimable
   * (− zswap's pool), htop's "used" (see `usedConvention`). Not total − available, which is `free`'s.
   */
  used: number;
  /** tmpfs and shared memory (Shmem): part of the kernel's Cached, counted here and not in `cached`. */
  shared: number;
  /** zswap's compressed pool (Zswap), 0 without zswap. */
  compressed: number;
  buffers: number;
  /** Page cache and reclaimable slab without shared memory: Cached + SReclaimable − Shmem. */
  cached: number;
  free: number;
  /** The kernel's estimate of what can be had without swapping (MemAvailable). */
  available: number;
  /** Which definition `used` follows: htop's parts above, or total − available where a source gives nothing finer. */
  usedConvention: 'htop' | 'total-available';
}

export interface SwapInfo {
  total: number;
  /** total − free − cached, as htop shows it. */
  used: number;
  free: number;
  /** Swapped pages also in memory (SwapCached). */
  cached: number;
}

/**
 * The process table counted two ways: by state, as top counts processes (kernel threads
 * included), and as htop's "Tasks: N, M thr, K kthr; R running" counts. A count the source
 * cannot know is null.
 */
export interface TaskCounts {
  /** Every process listed, kernel threads included (top's "total"). */
  total: number;
  /** Processes in state R. */
  running: number | null;
  sleeping: number | null;
  stopped: number | null;
  zombie: number | null;
  /** Threads over all processes, each process's main thread and kernel threads included (top's). */
  threads: number | null;
  /** htop's "Tasks": processes that are not kernel threads. */
  userProcesses: number;
  /** htop's "thr": threads of those processes besides their main threads. */
  userThreads: number | null;
  /** htop's "kthr": kernel threads. */
  kernelThreads: number | null;
  /** htop's "running": threads running now (procs_running of /proc/stat), at most one per core. */
  runningThreads: number | null;
}

/**
 * One process as read from the system; CPU% and MEM% are derived later by the model. A number
 * the source cannot tell is NaN (shown as `-`, null in JSON) unless its comment says otherwise;
 * a state it cannot tell is ''.
 */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  uid: number;
  user: string;
  /** One letter as in ps/htop: R S D Z T t I X W P; '' when unknown. */
  state: string;
  priority: number;
  nice: number;
  threads: number;
  /** Virtual size in bytes. */
  vsz: number;
  /** Resident set size in bytes (statm's, as ps and htop read it). */
  rss: number;
  /** Resident pages shared with other processes (file-backed and shared memory), in bytes: htop's SHR. */
  shared: number;
  /**
   * Start time in ms since the epoch. Deterministic for a live process (boot time plus its start
   * ticks), so reading it twice gives the same value: that is what the PID-reuse check relies on.
   * 0 when the source cannot tell.
   */
  startTime: number;
  /** Cumulative CPU time (user + system) in seconds; -1 when the source cannot tell. */
  cpuTime: number;
  /**
   * CPU% (of one core, over the last interval) as the source computed it, for sources without
   * cumulative CPU time (systeminformation). The model prefers its own delta of cpuTime when it
   * has one; with neither, CPU% is unknown.
   */
  sourceCpu?: number;
  /** MEM% as the source computed it, for sources that give no resident size (ps-list). */
  sourceMem?: number;
  /** The core the process last ran on, or -1 when unknown. */
  processor: number;
  /** Short name (comm), raw as read: may hold anything a user put there. */
  name: string;
  /** Full command line, arguments joined by spaces; `[name]` for kernel threads. Raw, untrusted. */
  command: string;
  /** True for kernel threads (no command line, child of kthreadd). */
  kernelThread: boolean;
  /** From the stat line, for sources that read it (/proc); absent elsewhere, shown as "-". */
  pgrp?: number;
  session?: number;
  /** The controlling terminal as stat's tty_nr (major and minor packed); 0 for none. */
  tty?: number;
  /** The foreground process group of that terminal; -1 for none. */
  tpgid?: number;
  minorFaults?: number;
  majorFaults?: number;
  /** CPU seconds in user mode and in kernel mode. */
  userTime?: number;
  systemTime?: number;
  /**
   * Read only while a column shown needs them (Sampler.wantDetails): each its own /proc file.
   * -1 (or '' for text) where the file may not be read, such as another user's io or exe.
   */
  /** Cumulative bytes read from and written to storage (/proc/PID/io read_bytes, write_bytes). */
  ioReadBytes?: number;
  ioWriteBytes?: number;
  cgroup?: string;
  oomScore?: number;
  /** Voluntary plus involuntary context switches. */
  contextSwitches?: number;
  /** Raw, untrusted: the kernel function it sleeps in. */
  wchan?: string;
  /** Raw, untrusted: the executable's path. */
  exe?: string;
  /**
   * Set on a user thread's own row (read when threads are asked for, see SampleRequest): the PID
   * of the process it belongs to. Its `pid` is then the thread's TID, its `name` the thread's
   * own, its `command` its process's; absent on a process's row.
   */
  threadOf?: number;
}

/** The per-process files read only while a column needs them. */
export type ProcessDetail = 'io' | 'cgroup' | 'oom' | 'ctxt' | 'wchan' | 'exe';

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
  /** Threads running now (procs_running of /proc/stat), for sources that read it; the tasks' runningThreads is it capped at the cores. */
  procsRunning?: number | null;
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
  /** The per-process fields this source gives (absent: all of them); the others are unknown (NaN, '', -1). */
  fields?: readonly ProcessField[];
  /** Rows of each user thread when a sample asks for them (SampleRequest.threads). */
  threads?: boolean;
}

/** What one sample should read beyond the processes. */
export interface SampleRequest {
  /** A row per user thread besides each process's own (htop's `H`); only sources with `capabilities.threads`. */
  threads?: boolean;
}

/** The per-process figures a source may or may not give (source-fields.ts says which each gives). */
export type ProcessField = 'user' | 'state' | 'priority' | 'nice' | 'threads' | 'virt' | 'res' | 'shr' | 'cpu' | 'mem' | 'time' | 'core' | 'start' | 'command';

export type SourceName = 'procfs' | 'systeminformation' | 'ps-list';
export const SOURCE_NAMES: readonly SourceName[] = ['procfs', 'systeminformation', 'ps-list'];

/**
 * Reads the system for the monitor: one implementation per source. (Reads that are not a
 * sample, such as the PID-reuse check's, go through src/platform.)
 */
export interface Sampler {
  readonly source: SourceName;
  readonly capabilities: SourceCapabilities;
  sample(request?: SampleRequest): Promise<Sample>;
  /** Which per-process details the next samples read (the columns on screen need them); sources without them ignore it. */
  wantDetails?(details: ReadonlySet<ProcessDetail>): void;
  /** Releases anything held between samples (file handles, caches). */
  close(): void;
  /**
   * For a source whose samples do not come in time order (a replay that steps back): the sample
   * CPU% of `sample` is measured since. Without it, since the sample taken before.
   */
  baseOf?(sample: Sample): Sample | null;
  /** For a source with a pace of its own (a replay at a speed): when to take the next sample, in ms. */
  nextSampleInMs?(): number;
}
