// The read-only picture of a pool that the store and UI mirror: per-worker rows and a summary.
import type { Task, TaskResult, WorkloadChoice } from './task.js';

export type WorkerState = 'starting' | 'idle' | 'busy' | 'paused' | 'exiting';

export type PoolPhase = 'idle' | 'running' | 'stopping' | 'stopped';

export interface WorkerSnapshot {
  /** 1, 2, 3… in start order; a replacement gets a new index. */
  index: number;
  pid: number;
  state: WorkerState;
  /** The task it is running (or, paused, holding); null when idle. */
  task: Task | null;
  /** Date.now() when that task was handed out. */
  taskSince: number | null;
  tasksDone: number;
  /** CPU time of the worker process so far (user + system). */
  cpuMs: number;
  /** Started in trap mode: SIGTERM and SIGINT are caught and ignored. */
  trap: boolean;
  /** The /proc state letter at the last look (R, S, T, Z…); null without /proc. */
  procState: string | null;
  startedAt: number;
  /** Bytes through its IPC channel so far, both ways (tasks out; ready, results and reports in). */
  ipcBytes?: number;
  /**
   * The child its family task is waiting for: its PID and since when (Date.now()); for a zombie
   * task, also since when the child's own child has been a zombie it does not reap.
   */
  child?: { pid: number; since: number; zombieSince?: number } | null;
}

/** A family task's child the pool still sees running. */
export interface ChildSnapshot {
  pid: number;
  command: string;
  workerIndex: number;
  workerPid: number;
  /** Its worker died and it was re-parented (to `ppid`). */
  orphaned: boolean;
  ppid: number;
  since: number;
}

export interface PoolSummary {
  phase: PoolPhase;
  /** Live workers (exiting ones included). */
  workers: number;
  streaming: boolean;
  /** The stream's workload, or null when not streaming. */
  workload: WorkloadChoice | null;
  startedAt: number | null;
  /** Since start; frozen once the pool has stopped. */
  wallMs: number;
  /** All workers' CPU, past ones included. */
  cpuMs: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  /** cpuMs ÷ wallMs: how many cores the pool kept busy on average. */
  coresBusy: number;
  tasksDone: number;
  tasksPerSecond: number;
  pending: number;
  inFlight: number;
  /** Workers started to replace ones that died. */
  replaced: number;
  /** The most recent results, oldest first (arrival order), at most `latestLimit`. */
  latest: readonly TaskResult[];
  /** Family tasks' children still running, orphans included (absent: none). */
  children?: readonly ChildSnapshot[];
}

export interface PoolSnapshot {
  workers: readonly WorkerSnapshot[];
  summary: PoolSummary;
}

/** cores busy and rate from raw totals; 0 before any time has passed. */
export function rates(cpuMs: number, wallMs: number, tasksDone: number): { coresBusy: number; tasksPerSecond: number } {
  if (wallMs <= 0) return { coresBusy: 0, tasksPerSecond: 0 };
  return { coresBusy: cpuMs / wallMs, tasksPerSecond: (tasksDone * 1000) / wallMs };
}
