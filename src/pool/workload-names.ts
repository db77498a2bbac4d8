// The names of the pool's workloads, apart from their code: what a recording's decoder checks a
// name against without loading the workloads (their threads need node:worker_threads).
import type { WorkloadName } from './task.js';

/** Every workload name, once: the type makes a missing or extra name a compile error. */
const NAMES: Readonly<Record<WorkloadName, true>> = {
  primes: true,
  sumsq: true,
  sleep: true,
  family: true,
  zombie: true,
  threads: true,
  'threads-atomic': true,
  deadlock: true,
  semaphore: true,
  pipeline: true,
};

export function isWorkloadName(value: unknown): value is WorkloadName {
  return typeof value === 'string' && Object.hasOwn(NAMES, value);
}
