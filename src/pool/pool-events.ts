// The pool's public vocabulary besides snapshots: start options and the events a store subscribes to.
import type { Task, TaskResult, WorkloadChoice } from './task.js';
import type { TaskChild } from './task-children.js';

export type { TaskChild } from './task-children.js';

export interface PoolOptions {
  /** Workers catch and ignore SIGTERM and SIGINT (the lab's "catchable" worker). */
  trap?: boolean;
  /** Start the endless stream at once (true: primes, naive). */
  stream?: boolean | WorkloadChoice;
  /** Target duration of one stream task. Default 1000 ms. */
  streamTargetMs?: number;
  /** The built worker; default dist/pool/worker.cjs. */
  workerPath?: string;
  /** How often /proc is read for each worker's state and CPU; 0 turns it off. Default 500 ms. */
  pollMs?: number;
  /** How long stop() waits after SIGTERM before SIGKILL. Default 2000 ms. */
  stopGraceMs?: number;
  /** How many recent results the summary keeps. Default 50. */
  latestLimit?: number;
  /** Read /proc/[pid]/stat before each dispatch so a stopped worker gets nothing. Default on Linux. */
  procCheck?: boolean;
  /**
   * Start workers, and their family tasks' children, through setpriv --pdeathsig KILL where it
   * exists (parent-death-signal.ts). Default true; false gives the orphans of systems without it.
   */
  parentDeathSignal?: boolean;
}

interface DispatchInfo {
  task: Task;
  workerIndex: number;
  pid: number;
}

export interface WorkerExit {
  index: number;
  pid: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The task it was running, now back at the head of the queue. */
  requeued: Task | null;
  /** Index of the worker started in its place, if any. */
  replacedBy: number | null;
  /** The pool asked it to go (remove, stop, kill, shutdown). */
  expected: boolean;
  /** The end of what it wrote to stderr (a crash's stack trace), at most 2000 characters. */
  stderr: string;
  /** Children of its family task that its death left behind, re-parented (also told by 'child-orphaned'). */
  orphans?: readonly TaskChild[];
  /** Children of its family task that its death ended: their parent-death signal (also told by 'child-exit'). */
  killedWith?: readonly TaskChild[];
}

interface ChildExit {
  child: TaskChild;
  /** How it ended, when its worker was still there to wait for it; null when the pool only saw it gone. */
  code: number | null;
  /** SIGKILL also when its worker died and its parent-death signal ended it. */
  signal: string | null;
}

interface TrapReport {
  index: number;
  pid: number;
  signal: 'SIGTERM' | 'SIGINT';
}

export interface PoolEvents {
  /** Something in the snapshot changed (coalesced: at most once per microtask turn). */
  change: [];
  /** A task's result, the first and only time, in arrival order. */
  result: [result: TaskResult];
  dispatch: [info: DispatchInfo];
  'worker-start': [info: { index: number; pid: number; trap: boolean }];
  'worker-exit': [info: WorkerExit];
  /** A trap-mode worker caught and ignored SIGTERM or SIGINT. */
  trapped: [info: TrapReport];
  /** A family task's child started (confirmed in /proc): the tree is pooltop → worker → child. */
  'child-start': [child: TaskChild];
  /**
   * A child's parent is no longer its worker: the worker died and the kernel re-parented the
   * child (to PID 1 or a subreaper, `child.ppid`). `withWorkerExit`: also in that 'worker-exit'.
   */
  'child-orphaned': [info: { child: TaskChild; withWorkerExit: boolean }];
  /** A child has exited: its worker waited for it, or the pool saw it gone from /proc. */
  'child-exit': [info: ChildExit];
  /** Something went wrong that is not one task's error: words for the message line. */
  problem: [message: string];
}

export interface SubmitOptions {
  /** Each result of this batch as it arrives (out of order). */
  onResult?: (result: TaskResult) => void;
}
