// The table of workloads a worker can run: their argument ranges, validation and dispatch.
import { nextPrime, type Tick } from './next-prime.js';
import { runDeadlock, runSemaphore, SEMAPHORE_PERMITS, SEMAPHORE_THREADS } from './lock-threads.js';
import { COUNTER_THREADS, counterText, countWithThreads } from './shared-counter.js';
import { sleepFor } from './sleep-task.js';
import { sumOfSquares } from './sum-of-squares.js';
import type { TaskSpec, WorkloadName } from './task.js';
import { isWorkloadName } from './workload-names.js';

export interface WorkloadInfo {
  name: WorkloadName;
  summary: string;
  /** Inclusive bounds of `arg`. */
  minArg: number;
  maxArg: number;
}

/** The longest a family task's child sleeps: its whole lifetime, even orphaned. */
export const MAX_FAMILY_MS = 10_000;

/** 2^31 − 1 is prime, so next_prime of anything up to it stays in V8's fast 32-bit integers. */
export const MAX_PRIME_ARG = 2 ** 31 - 1;

const MAX_THREAD_INCREMENTS = 50_000_000;

export const WORKLOADS: Readonly<Record<WorkloadName, WorkloadInfo>> = {
  primes: { name: 'primes', summary: 'next_prime(n): the smallest prime >= n (CPU-bound)', minArg: 2, maxArg: MAX_PRIME_ARG },
  sumsq: { name: 'sumsq', summary: 'cpu_bound(n): the sum of i² for i < n, exact (CPU-bound)', minArg: 0, maxArg: MAX_PRIME_ARG },
  sleep: { name: 'sleep', summary: 'wait n ms without using the CPU (I/O-bound)', minArg: 0, maxArg: 3_600_000 },
  // Capped so that a child orphaned by its worker's death ends by itself within seconds.
  family: { name: 'family', summary: 'start a child process that sleeps n ms and wait for it (a two-level tree)', minArg: 0, maxArg: MAX_FAMILY_MS },
  // n increments per thread; 50 million keeps the counter (4 threads) far below 2^31.
  threads: {
    name: 'threads',
    summary: `${COUNTER_THREADS} threads add 1 to a shared counter n times each, unsynchronised: updates are lost`,
    minArg: 1,
    maxArg: MAX_THREAD_INCREMENTS,
  },
  'threads-atomic': { name: 'threads-atomic', summary: `the same with Atomics.add: exact, none lost`, minArg: 1, maxArg: MAX_THREAD_INCREMENTS },
  deadlock: {
    name: 'deadlock',
    summary: 'two threads take two locks in opposite order and wait for each other n ms (then the worker ends them)',
    minArg: 100,
    maxArg: 3_600_000,
  },
  semaphore: {
    name: 'semaphore',
    summary: `${SEMAPHORE_THREADS} threads share ${SEMAPHORE_PERMITS} permits, each held n ms: at most ${SEMAPHORE_PERMITS} at once`,
    minArg: 0,
    maxArg: 60_000,
  },
  // Capped as family: its two processes end by themselves within a moment of the reader's n ms, orphaned or not.
  pipeline: {
    name: 'pipeline',
    summary: 'a writer process fills a pipe that a slow reader empties for n ms: the writer blocks (S, pipe_write)',
    minArg: 100,
    maxArg: MAX_FAMILY_MS,
  },
  // As family, capped alike: the child that does not reap is itself a family child.
  zombie: { name: 'zombie', summary: 'as family, but the child leaves a grandchild unreaped for n ms: state Z, <defunct>', minArg: 0, maxArg: MAX_FAMILY_MS },
};

/** The workloads a worker runs with its event loop free, waiting for a child process (family-task.ts). */
export function isChildWorkload(workload: WorkloadName): workload is 'family' | 'zombie' {
  return workload === 'family' || workload === 'zombie';
}

/** Why `spec` is not a task the pool can run, or null when it is. Specs may come from anywhere. */
export function taskSpecProblem(spec: unknown): string | null {
  return problemOf(spec, true);
}

/** Why `choice` is not a workload (and method) the pool can run, or null: the stream's choice has no argument. */
export function workloadChoiceProblem(choice: unknown): string | null {
  return problemOf(choice, false);
}

function problemOf(spec: unknown, hasArg: boolean): string | null {
  if (typeof spec !== 'object' || spec === null) return `a ${hasArg ? 'task' : 'workload choice'} must be an object`;
  const { workload, arg, method } = spec as Record<string, unknown>;
  if (!isWorkloadName(workload)) return `unknown workload ${JSON.stringify(String(workload))}`;
  const info = WORKLOADS[workload];
  if (hasArg && (typeof arg !== 'number' || !Number.isInteger(arg) || arg < info.minArg || arg > info.maxArg)) {
    return `${workload} needs an integer argument from ${info.minArg} to ${info.maxArg} (got ${String(arg)})`;
  }
  if (method !== undefined && (workload !== 'primes' || (method !== 'naive' && method !== 'sqrt'))) {
    return `method ${JSON.stringify(String(method))} does not apply to ${workload}`;
  }
  return null;
}

/**
 * Runs one task synchronously; throws RangeError for a spec outside the table. A family task
 * waits for a child process, which only an event loop can do: the worker runs it with
 * runFamilyTask (family-task.ts) instead.
 */
export function runWorkload(spec: TaskSpec, tick?: Tick): number | string {
  const problem = taskSpecProblem(spec);
  if (problem !== null) throw new RangeError(problem);
  switch (spec.workload) {
    case 'primes':
      return nextPrime(spec.arg, spec.method ?? 'naive', tick);
    case 'sumsq':
      // Over IPC as a decimal string: JSON has no BigInt.
      return sumOfSquares(spec.arg, tick).toString();
    case 'sleep':
      return sleepFor(spec.arg, tick);
    case 'threads':
    case 'threads-atomic':
      return counterText(countWithThreads(spec.arg, spec.workload === 'threads-atomic', tick));
    case 'deadlock':
      return runDeadlock(spec.arg, tick);
    case 'semaphore':
      return runSemaphore(spec.arg, tick);
    case 'pipeline':
    case 'family':
    case 'zombie':
      throw new RangeError(`a ${spec.workload} task starts a child process and waits for it: run it with runFamilyTask`);
  }
}
