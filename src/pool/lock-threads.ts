// The deadlock and semaphore workloads: threads of one worker taking locks built on Atomics — two
// that take two locks in opposite order and wait for each other for good, and a semaphore that
// lets at most a few hold it at once.
import { Worker } from 'node:worker_threads';
import type { Tick } from './next-prime.js';

/** Holders the semaphore workload's semaphore allows at once, of SEMAPHORE_THREADS threads. */
export const SEMAPHORE_PERMITS = 2;
export const SEMAPHORE_THREADS = 6;

/**
 * A lock is a cell: 0 free, 1 held. Taking it is a compare-and-swap; a thread that finds it held
 * sleeps in Atomics.wait (futex(2): state S, no CPU) until the holder's notify. Cells: 0 and 1
 * the two locks, 2 how many threads hold their first lock, 3 how many finished.
 */
const DEADLOCK_THREAD = `
const { workerData } = require('node:worker_threads');
const c = new Int32Array(workerData.buffer);
const lock = (i) => { while (Atomics.compareExchange(c, i, 0, 1) !== 0) Atomics.wait(c, i, 1); };
const unlock = (i) => { Atomics.store(c, i, 0); Atomics.notify(c, i, 1); };
const [first, second] = workerData.order;
lock(first);
Atomics.add(c, 2, 1);
Atomics.notify(c, 2);
// Each takes its second lock only once both hold their first: the deadlock is certain, not a matter of timing.
for (let n = Atomics.load(c, 2); n < 2; n = Atomics.load(c, 2)) Atomics.wait(c, 2, n);
lock(second);
unlock(second);
unlock(first);
Atomics.add(c, 3, 1);
Atomics.notify(c, 3);
`;

/**
 * Cells: 0 permits left, 1 holders now, 2 the most holders seen at once, 3 threads finished.
 * Each thread takes a permit (waiting while there is none), holds it `holdMs` asleep, gives it back.
 */
const SEMAPHORE_THREAD = `
const { workerData } = require('node:worker_threads');
const c = new Int32Array(workerData.buffer);
const nap = new Int32Array(new SharedArrayBuffer(4));
for (;;) {
  const left = Atomics.load(c, 0);
  if (left > 0 && Atomics.compareExchange(c, 0, left, left - 1) === left) break;
  if (left === 0) Atomics.wait(c, 0, 0);
}
const now = Atomics.add(c, 1, 1) + 1;
for (let most = Atomics.load(c, 2); now > most && Atomics.compareExchange(c, 2, most, now) !== most; most = Atomics.load(c, 2));
Atomics.wait(nap, 0, 0, workerData.holdMs);
Atomics.sub(c, 1, 1);
Atomics.add(c, 0, 1);
Atomics.notify(c, 0, 1);
Atomics.add(c, 3, 1);
Atomics.notify(c, 3);
`;

/** Waits until cell `at` of `cells` reaches `count`, or `ms` pass; `tick` between 50 ms slices. Returns whether it did. */
function waitForCount(cells: Int32Array, at: number, count: number, ms: number, tick: Tick): boolean {
  const end = performance.now() + ms;
  for (let n = Atomics.load(cells, at); n < count; n = Atomics.load(cells, at)) {
    const left = end - performance.now();
    if (left <= 0) return false;
    Atomics.wait(cells, at, n, Math.min(50, left));
    tick();
  }
  return true;
}

/**
 * Two threads: one takes lock A then B, the other B then A. Each gets its first and waits for
 * the other's forever — both asleep, 0 % CPU. After `ms` the worker says so and ends them
 * (terminate interrupts their wait), so the pool's next task can run.
 */
export function runDeadlock(ms: number, tick: Tick = () => {}): string {
  const buffer = new SharedArrayBuffer(16);
  const cells = new Int32Array(buffer);
  const threads = [
    [0, 1],
    [1, 0],
  ].map((order) => new Worker(DEADLOCK_THREAD, { eval: true, workerData: { buffer, order } }));
  try {
    const finished = waitForCount(cells, 3, 2, ms, tick);
    if (finished) return 'no deadlock: both threads finished';
    return `deadlock: 2 threads waited ${ms} ms, each holding the lock the other wants (${Atomics.load(cells, 2)} of 2 held their first)`;
  } finally {
    for (const thread of threads) void thread.terminate();
  }
}

/**
 * SEMAPHORE_THREADS threads share a semaphore of SEMAPHORE_PERMITS permits; each holds one for
 * `holdMs`. The rest wait asleep for a permit. Returns the most that held one at once.
 */
export function runSemaphore(holdMs: number, tick: Tick = () => {}): string {
  const buffer = new SharedArrayBuffer(16);
  const cells = new Int32Array(buffer);
  Atomics.store(cells, 0, SEMAPHORE_PERMITS);
  const threads = Array.from({ length: SEMAPHORE_THREADS }, () => new Worker(SEMAPHORE_THREAD, { eval: true, workerData: { buffer, holdMs } }));
  // Every thread holds once, SEMAPHORE_PERMITS at a time: the whole takes about 3 × holdMs; the bound only stops a thread that failed to start.
  const bound = holdMs * SEMAPHORE_THREADS + 60_000;
  try {
    if (!waitForCount(cells, 3, SEMAPHORE_THREADS, bound, tick)) throw new Error(`only ${Atomics.load(cells, 3)} of ${SEMAPHORE_THREADS} threads finished`);
    return `semaphore: ${SEMAPHORE_THREADS} threads, ${SEMAPHORE_PERMITS} permits, at most ${Atomics.load(cells, 2)} held at once`;
  } finally {
    for (const thread of threads) void thread.terminate();
  }
}
