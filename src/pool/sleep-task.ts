// The I/O-bound contrast workload: wait n ms without using the CPU.
import type { Tick } from './next-prime.js';

const SLICE_MS = 50;
const cell = new Int32Array(new SharedArrayBuffer(4));

/**
 * Blocks for `ms` milliseconds in Atomics.wait (the thread sleeps in the kernel: 0 % CPU) in
 * slices of 50 ms, calling `tick` between slices. Returns the milliseconds actually waited.
 */
export function sleepFor(ms: number, tick: Tick = () => {}): number {
  const start = performance.now();
  for (;;) {
    const left = ms - (performance.now() - start);
    if (left <= 0) break;
    Atomics.wait(cell, 0, 0, Math.min(SLICE_MS, left));
    tick();
  }
  return Math.round(performance.now() - start);
}
