// A fixed-size ring of timestamped samples, several channels each (a core's nice, user and
// system; memory and swap): history that never grows however long pooltop runs.

export class TimeRing {
  /** Sample times, ms on a monotonic clock. */
  private readonly times: Float64Array;
  /** Row-major: sample i's channel c at i * channels + c. Float32: percents and fractions need no more. */
  private readonly values: Float32Array;
  private start = 0;
  private count = 0;

  constructor(
    readonly capacity: number,
    readonly channels: number,
  ) {
    if (!(Number.isInteger(capacity) && capacity > 0) || !(Number.isInteger(channels) && channels > 0)) {
      throw new RangeError(`a ring needs a positive capacity and channel count, not ${capacity} × ${channels}`);
    }
    this.times = new Float64Array(capacity);
    this.values = new Float32Array(capacity * channels);
  }

  get length(): number {
    return this.count;
  }

  /** Bytes the ring holds, whatever its fill. */
  get bytes(): number {
    return this.times.byteLength + this.values.byteLength;
  }

  /** Adds a sample, dropping the oldest when full; `values` shorter than the channels leaves NaN. */
  push(time: number, values: ArrayLike<number>): void {
    const slot = (this.start + this.count) % this.capacity;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
    this.times[slot] = time;
    const base = slot * this.channels;
    for (let c = 0; c < this.channels; c++) this.values[base + c] = c < values.length ? (values[c] ?? Number.NaN) : Number.NaN;
  }

  /** The time of sample `i`, 0 being the oldest kept. */
  timeAt(i: number): number {
    return this.times[(this.start + i) % this.capacity] ?? Number.NaN;
  }

  /** Channel `channel` of sample `i`, 0 being the oldest kept. */
  valueAt(i: number, channel: number): number {
    return this.values[((this.start + i) % this.capacity) * this.channels + channel] ?? Number.NaN;
  }

  /** The index of the oldest sample taken at or after `time` (length when none). */
  firstAtOrAfter(time: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.timeAt(mid) < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  clear(): void {
    this.start = 0;
    this.count = 0;
  }
}
