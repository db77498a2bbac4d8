// The check a busy worker makes between blocks of work: is my parent still there?
import type { Tick } from './next-prime.js';

/**
 * A Tick that calls `parentGone` at most every `everyMs` of work and `onGone` when it says so.
 * While a task runs the event loop is blocked, so neither 'disconnect' nor a timer can fire:
 * this is the only way a long task notices its parent died. Reading the clock and getppid cost
 * well under a microsecond, against about a millisecond of work between ticks (docs/performance.md).
 */
export function livenessTick(parentGone: () => boolean, onGone: () => void, everyMs = 50, now: () => number = () => performance.now()): Tick {
  let next = now() + everyMs;
  return () => {
    const t = now();
    if (t < next) return;
    next = t + everyMs;
    if (parentGone()) onGone();
  };
}
