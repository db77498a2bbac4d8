// A ring's last `spanMs` cut into equal time buckets, each the time-weighted mean of the samples
// over it: the points one graph column (or half a braille cell) shows, at any zoom and refresh.
import type { TimeRing } from './time-ring.js';

/**
 * `channels` of `ring` over (now − spanMs, now] in `buckets` buckets, oldest first: the result
 * holds bucket b's channel k at b * channels.length + k, NaN where no sample covers the bucket
 * (before the history began). A sample stands for the interval since the one before it, as CPU%
 * is measured over it; the oldest kept stands for as long as the interval after it.
 */
export function timeBuckets(ring: TimeRing, channels: readonly number[], now: number, spanMs: number, buckets: number): Float64Array {
  const k = channels.length;
  const out = new Float64Array(Math.max(0, buckets) * k).fill(Number.NaN);
  if (buckets <= 0 || ring.length === 0 || !(spanMs > 0)) return out;
  const sums = new Float64Array(buckets * k);
  const weights = new Float64Array(buckets * k);
  const from = now - spanMs;
  const width = spanMs / buckets;
  const first = Math.max(0, ring.firstAtOrAfter(from) - 1);
  for (let i = first; i < ring.length; i++) {
    const end = ring.timeAt(i);
    const start = i > 0 ? ring.timeAt(i - 1) : i + 1 < ring.length ? end - (ring.timeAt(i + 1) - end) : end - width;
    const lo = Math.max(start, from);
    const hi = Math.min(end, now);
    if (!(hi > lo)) continue;
    const b0 = Math.max(0, Math.floor((lo - from) / width));
    const b1 = Math.min(buckets - 1, Math.floor((hi - from) / width - 1e-9));
    for (let b = b0; b <= b1; b++) {
      const overlap = Math.min(hi, from + (b + 1) * width) - Math.max(lo, from + b * width);
      if (!(overlap > 0)) continue;
      for (let c = 0; c < k; c++) {
        const v = ring.valueAt(i, channels[c]!);
        if (Number.isNaN(v)) continue;
        sums[b * k + c]! += v * overlap;
        weights[b * k + c]! += overlap;
      }
    }
  }
  for (let j = 0; j < out.length; j++) if (weights[j]! > 0) out[j] = sums[j]! / weights[j]!;
  return out;
}
