// The threads workload: several threads of one worker add to one shared counter, with or without
// synchronisation, and the lost updates are counted — the texts' race condition, in real threads.
import { Worker } from 'node:worker_threads';
import type { Tick } from './next-prime.js';

/** Threads per task: more than the 2 cores of the lab machines, so they overlap whatever the load. */
export const COUNTER_THREADS = 4;

/** A thread that never says done (it failed to start): the task fails after this long instead of hanging. */
const DEADLINE_MS = 120_000;

/**
 * Each thread's loop. Unsynchronised it is the texts' `counter += 1` spelled out — read, add,
 * write — so two threads that read the same value both write value + 1 and one update is lost.
 * With Atomics.add the read-add-write is one indivisible step and none is lost. The counter is
 * cell 0; cell 1 counts threads done, which the worker's main thread waits on.
 */
const THREAD = `
const { workerData } = require('node:worker_threads');
const cells = new Int32Array(workerData.buffer);
const n = workerData.perThread;
if (workerData.atomic) {
  for (let i = 0; i < n; i++) Atomics.add(cells, 0, 1);
} else {
  for (let i = 0; i < n; i++) {
    const seen = cells[0];
    cells[0] = seen + 1;
  }
}
Atomics.add(cells, 1, 1);
Atomics.notify(cells, 1);
`;

export interface CounterRun {
  expected: number;
  counted: number;
  lost: number;
}

/** "expected 4000000 counted 2731002 lost 1268998": a task's value (the pool panel reads it back: src/ui/pool-panel.tsx). */
export function counterText(run: CounterRun): string {
  return `expected ${run.expected} counted ${run.counted} lost ${run.lost}`;
}

/**
 * Starts COUNTER_THREADS threads that each add 1 to the shared counter `perThread` times and
 * waits for all of them (in 50 ms slices, calling `tick` between). The worker process is then
 * one process with COUNTER_THREADS more threads, each using a core while it counts.
 */
export function countWithThreads(perThread: number, atomic: boolean, tick: Tick = () => {}, threads = COUNTER_THREADS): CounterRun {
  const buffer = new SharedArrayBuffer(8);
  const cells = new Int32Array(buffer);
  const workers = Array.from({ length: threads }, () => new Worker(THREAD, { eval: true, workerData: { buffer, perThread, atomic } }));
  const deadline = performance.now() + DEADLINE_MS;
  try {
    for (let done = Atomics.load(cells, 1); done < threads; done = Atomics.load(cells, 1)) {
      if (performance.now() > deadline) throw new Error(`only ${done} of ${threads} threads finished within ${DEADLINE_MS / 1000} s`);
      Atomics.wait(cells, 1, done, 50);
      tick();
    }
  } finally {
    // Their loops are over; terminate only frees the threads sooner than their exit would.
    for (const worker of workers) void worker.terminate();
  }
  const expected = perThread * threads;
  const counted = Atomics.load(cells, 0);
  return { expected, counted, lost: expected - counted };
}
