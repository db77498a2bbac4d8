// The seed's cpu_bound(n) workload: the exact sum of i² for 0 <= i < n.
import type { Tick } from './next-prime.js';

// i = h·2^16 + l gives i² = h²·2^32 + 2hl·2^16 + l². For i < 2^31 each of h², hl, l² is below 2^32,
// so 2^20 of them summed stay below 2^53: three plain Number sums are exact for a block, and only
// the block totals go through BigInt. The work stays one multiply-add loop per i, like the seed's.
const BLOCK = 1 << 20;

/** Σ i² for 0 <= i < n (0 <= n <= 2^31), exactly; the loop is the work (no closed form). */
export function sumOfSquares(n: number, tick: Tick = () => {}): bigint {
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 31) throw new RangeError(`sumOfSquares needs 0 <= n <= 2^31 (got ${n})`);
  let total = 0n;
  let i = 0;
  while (i < n) {
    const end = Math.min(n, i + BLOCK);
    let hh = 0;
    let hl = 0;
    let ll = 0;
    for (; i < end; i++) {
      const h = i >>> 16;
      const l = i & 0xffff;
      hh += h * h;
      hl += h * l;
      ll += l * l;
    }
    total += (BigInt(hh) << 32n) + (BigInt(hl) << 17n) + BigInt(ll);
    tick();
  }
  return total;
}
