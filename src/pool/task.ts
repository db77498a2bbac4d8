// What the pool moves around: a task (one call of a workload) and its result.
import type { PrimeMethod } from './next-prime.js';

export type WorkloadName = 'primes' | 'sumsq' | 'sleep' | 'family' | 'zombie' | 'threads' | 'threads-atomic' | 'deadlock' | 'semaphore' | 'pipeline';

/** A workload and, for primes, the trial-division method. */
export interface WorkloadChoice {
  workload: WorkloadName;
  /** primes only; naive (the seed's) when absent. */
  method?: PrimeMethod;
}

/** One call to submit: the pool gives it an id. */
export interface TaskSpec extends WorkloadChoice {
  arg: number;
}

export interface Task extends TaskSpec {
  /** Unique within one pool run, increasing in submission order. */
  id: number;
}

export interface TaskResult {
  taskId: number;
  workload: WorkloadName;
  method?: PrimeMethod;
  arg: number;
  /**
   * primes: the prime; sumsq: the exact sum as a decimal string; sleep: ms waited; family: what
   * the worker's wait for its child returned ("child 1234 exit 0"); null on error.
   */
  value: number | string | null;
  /** Why the task produced no value (the workload threw); null when it did. */
  error: string | null;
  pid: number;
  workerIndex: number;
  /** CPU (user + system) the worker spent on this task, from process.cpuUsage deltas. */
  cpuMs: number;
  wallMs: number;
  /** Date.now() when the parent received it. */
  finishedAt: number;
}
