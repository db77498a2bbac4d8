// How much a memory series grows: the mean of the first window against the mean of the last, as
// MB per hour, and the least-squares slope, so one GC's sawtooth does not read as a leak.

export interface Point {
  /** Seconds since the run started. */
  t: number;
  /** Bytes. */
  value: number;
}

export interface Growth {
  /** Window length used, seconds (5 minutes, or a third of a shorter run). */
  windowSeconds: number;
  firstMean: number;
  lastMean: number;
  /** (lastMean − firstMean) over the time between the windows' middles, MiB per hour. */
  windowMiBPerHour: number;
  /** Least-squares slope of all points, MiB per hour. */
  slopeMiBPerHour: number;
  /** Least-squares slope after the first window (start-up and first GCs left out), MiB per hour. */
  settledSlopeMiBPerHour: number;
}

const MIB = 1024 * 1024;

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Least-squares slope of value over t, bytes per second; NaN with fewer than two points. */
function slope(points: readonly Point[]): number {
  if (points.length < 2) return Number.NaN;
  const mt = mean(points.map((p) => p.t));
  const mv = mean(points.map((p) => p.value));
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.t - mt) * (p.value - mv);
    den += (p.t - mt) ** 2;
  }
  return den === 0 ? Number.NaN : num / den;
}

export function growth(points: readonly Point[], windowSeconds = 300): Growth {
  const span = (points.at(-1)?.t ?? 0) - (points[0]?.t ?? 0);
  const window = Math.min(windowSeconds, span / 3);
  const start = points[0]?.t ?? 0;
  const end = points.at(-1)?.t ?? 0;
  const first = points.filter((p) => p.t <= start + window);
  const last = points.filter((p) => p.t >= end - window);
  const firstMean = mean(first.map((p) => p.value));
  const lastMean = mean(last.map((p) => p.value));
  const between = mean(last.map((p) => p.t)) - mean(first.map((p) => p.t));
  const perHour = (bytesPerSecond: number) => (bytesPerSecond * 3600) / MIB;
  return {
    windowSeconds: window,
    firstMean,
    lastMean,
    windowMiBPerHour: between > 0 ? perHour((lastMean - firstMean) / between) : Number.NaN,
    slopeMiBPerHour: perHour(slope(points)),
    settledSlopeMiBPerHour: perHour(slope(points.filter((p) => p.t > start + window))),
  };
}
