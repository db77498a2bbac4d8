// The seed's primes workload: next_prime(n), the smallest prime >= n, by trial division.

export type PrimeMethod = 'naive' | 'sqrt';

/** Called between blocks of divisors so a long task can notice, e.g., that its parent died. */
export type Tick = () => void;

// About a millisecond of divisions (docs/performance.md): often enough for a 50 ms check, rare
// enough to cost nothing.
const BLOCK = 1 << 20;

const noTick: Tick = () => {};

/**
 * The seed's is_prime: tries every divisor 2 … p−1 (intentionally slow). Like the seed it calls
 * 0 and 1 prime, so callers keep p >= 2. The divisors are walked in blocks only to call `tick`.
 */
export function isPrimeNaive(p: number, tick: Tick = noTick): boolean {
  let d = 2;
  while (d < p) {
    const end = p - d > BLOCK ? d + BLOCK : p;
    if (hasDivisorIn(p, d, end)) return false;
    d = end;
    tick();
  }
  return true;
}

/**
 * The hot loop, kept in a leaf function of its own: inlined next to a real tick (a closure that
 * reads the clock), V8 compiled the loop ~1.5 % slower than the seed's; on its own it runs within
 * 0.5 % of it whatever the tick is (scripts/bench/pool.ts measures this).
 */
function hasDivisorIn(p: number, from: number, to: number): boolean {
  for (let d = from; d < to; d++) {
    if (p % d === 0) return true;
  }
  return false;
}

/** Trial division by 2 … ⌊√p⌋: the same answers for p >= 2, in O(√p). */
export function isPrimeSqrt(p: number): boolean {
  if (p < 2) return false;
  for (let d = 2; d * d <= p; d++) {
    if (p % d === 0) return false;
  }
  return true;
}

/** The smallest prime >= n (n an integer >= 2). */
export function nextPrime(n: number, method: PrimeMethod = 'naive', tick: Tick = noTick): number {
  let p = n;
  if (method === 'sqrt') {
    while (!isPrimeSqrt(p)) p++;
  } else {
    while (!isPrimeNaive(p, tick)) p++;
  }
  return p;
}
