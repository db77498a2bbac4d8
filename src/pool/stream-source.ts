// The monitor's endless task stream: tasks of about a target duration each, calibrated as it runs.
import type { TaskResult, TaskSpec, WorkloadChoice, WorkloadName } from './task.js';
import { WORKLOADS } from './workloads.js';

/**
 * CPU milliseconds per unit of work, measured on a 2-core AMD EPYC VM with Node 20: the naive
 * next_prime(p) does ~p divisions at ~1.4 ns (next_prime(7·10^8) ≈ 1.0 s); sumsq ~1.0 ns per
 * term; sqrt next_prime ~1.4 ns per divisor up to √p; the threads workloads, per increment of
 * each of 4 threads, ~40 ns of CPU unsynchronised and ~80 ns with Atomics.add (measured at load
 * 20: 5·10^6 per thread took 200 and 400 ms of CPU). Only the first task relies on these:
 * after that each result refines the estimate, so the stream keeps ~1 s tasks on other machines.
 */
const INITIAL_MS_PER_UNIT = { naive: 1.4e-6, sqrt: 1.4e-6, sumsq: 1.0e-6, threads: 4e-5, 'threads-atomic': 8e-5 } as const;

/** Consecutive tasks differ by base/1000, cycling over 100 steps: distinct primes, ±10 % work. */
const SPREAD_STEPS = 100;

/**
 * A family task's child sleeps this long whatever the target: long enough to find the worker,
 * kill it and still see its child, orphaned, in the tree for a few refreshes (workloads.ts caps it).
 */
export const FAMILY_STREAM_MS = 8000;

/**
 * Tasks of a fixed argument whatever the target: a lesson that needs its state to last (a
 * deadlock, a zombie, a child to find and kill), or the semaphore's hold, which makes a task of
 * about 3 holds.
 */
const FIXED_STREAM_ARG: Partial<Record<WorkloadName, number>> = {
  family: FAMILY_STREAM_MS,
  zombie: FAMILY_STREAM_MS,
  deadlock: FAMILY_STREAM_MS,
  semaphore: 1000,
  pipeline: 5000,
};

type CostModel = 'naive' | 'sqrt' | 'sumsq' | 'sleep' | 'fixed' | 'threads' | 'threads-atomic';

function modelOf(choice: WorkloadChoice): CostModel {
  if (choice.workload === 'primes') return choice.method === 'sqrt' ? 'sqrt' : 'naive';
  switch (choice.workload) {
    case 'sumsq':
    case 'sleep':
    case 'threads':
    case 'threads-atomic':
      return choice.workload;
    default:
      return 'fixed';
  }
}

/** The work units a finished task did under `model` (divisions, terms). */
function unitsOf(model: CostModel, result: TaskResult): number {
  if (model === 'naive') return typeof result.value === 'number' ? result.value : result.arg;
  if (model === 'sqrt') return Math.sqrt(typeof result.value === 'number' ? result.value : result.arg);
  return result.arg;
}

export class StreamSource {
  private choice: WorkloadChoice;
  private model: CostModel;
  private msPerUnit: number;
  private count = 0;

  constructor(
    choice: WorkloadChoice = { workload: 'primes', method: 'naive' },
    private readonly targetMs = 1000,
  ) {
    this.choice = choice;
    this.model = modelOf(choice);
    this.msPerUnit = this.initialRate();
  }

  get workload(): WorkloadChoice {
    return this.choice;
  }

  /** Switches the workload for the tasks made from now on; the calibration starts over. */
  setWorkload(choice: WorkloadChoice): void {
    this.choice = choice;
    this.model = modelOf(choice);
    this.msPerUnit = this.initialRate();
  }

  /** The argument a task of about targetMs gets now, before the spread. */
  baseArg(): number {
    const { minArg, maxArg } = WORKLOADS[this.choice.workload];
    let arg: number;
    if (this.model === 'sleep') arg = this.targetMs;
    else if (this.model === 'fixed') arg = FIXED_STREAM_ARG[this.choice.workload] ?? this.targetMs;
    else {
      const units = this.targetMs / this.msPerUnit;
      arg = this.model === 'sqrt' ? units * units : units;
    }
    // Leave room for the spread above the base.
    return Math.round(Math.min(Math.max(arg, minArg), maxArg / 1.11));
  }

  next(): TaskSpec {
    const base = this.baseArg();
    const step = this.model === 'sleep' || this.model === 'fixed' ? 0 : Math.max(1, Math.round(base / 1000));
    const arg = base + (this.count++ % SPREAD_STEPS) * step;
    const { workload, method } = this.choice;
    return workload === 'primes' ? { workload, method: method ?? 'naive', arg } : { workload, arg };
  }

  /** Refines the rate from a finished task of the current workload (others are ignored). */
  observe(result: TaskResult): void {
    if (result.error !== null || result.workload !== this.choice.workload) return;
    if (modelOf(result) !== this.model || this.model === 'sleep' || this.model === 'fixed') return;
    // Below ~20 ms, timer granularity and start-up noise dominate the measurement.
    if (result.cpuMs < 20) return;
    const units = unitsOf(this.model, result);
    if (units <= 0) return;
    const rate = result.cpuMs / units;
    this.msPerUnit = 0.7 * this.msPerUnit + 0.3 * rate;
  }

  private initialRate(): number {
    return this.model === 'sleep' || this.model === 'fixed' ? 1 : INITIAL_MS_PER_UNIT[this.model];
  }
}
