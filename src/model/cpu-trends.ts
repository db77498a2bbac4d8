// Each process's CPU% over its last few refreshes, for the table's CPU graph column (btop's
// per-process mini-graph): one small ring per live process, dropped when the process exits or its
// PID names another process, so the structure never holds more than the processes listed now.
import { blockChar } from './graph-cells.js';
import type { ProcessRow } from './process-row.js';

/** Refreshes a process's graph shows, one block each: the column's width. */
export const TREND_POINTS = 10;

/** One process's recent CPU%, oldest first once read through `trendValues`. */
export interface CpuTrend {
  readonly startTime: number;
  /** A ring of CPU% (100 = one core), `count` of them valid, the newest at `(next - 1) mod length`. */
  readonly values: Float32Array;
  count: number;
  next: number;
  /** The mean of the values kept: what the column sorts by. */
  mean: number;
}

interface Entry {
  trend: CpuTrend;
  /** The refresh it was last seen in: an entry not seen in the newest one is of an exited process. */
  seen: number;
}

export class CpuTrends {
  private readonly entries = new Map<number, Entry>();
  private refresh = 0;

  constructor(readonly points = TREND_POINTS) {}

  /** Processes with a trend kept. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Records one refresh: each row's CPU% is pushed onto its process's ring, a PID whose start
   * time changed starts a new ring, and every process not among `rows` is dropped. Returns each
   * row's trend, in the rows' order.
   */
  record(rows: readonly { pid: number; startTime: number; cpu: number }[]): CpuTrend[] {
    const refresh = ++this.refresh;
    const out = new Array<CpuTrend>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      let entry = this.entries.get(row.pid);
      if (!entry || entry.trend.startTime !== row.startTime) {
        // A new object, not the old one reset: a row kept after its process exited still points at its own.
        entry = { trend: { startTime: row.startTime, values: new Float32Array(this.points), count: 0, next: 0, mean: Number.NaN }, seen: refresh };
        this.entries.set(row.pid, entry);
      } else if (entry.seen === refresh) {
        // The same PID twice in one refresh (a source's glitch): counted once.
        out[i] = entry.trend;
        continue;
      }
      entry.seen = refresh;
      push(entry.trend, row.cpu);
      out[i] = entry.trend;
    }
    for (const [pid, entry] of this.entries) if (entry.seen !== refresh) this.entries.delete(pid);
    return out;
  }

  clear(): void {
    this.entries.clear();
  }
}

function push(trend: CpuTrend, cpu: number): void {
  const { values } = trend;
  values[trend.next] = cpu;
  trend.next = (trend.next + 1) % values.length;
  if (trend.count < values.length) trend.count++;
  let sum = 0;
  let known = 0;
  for (let i = 0; i < trend.count; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      sum += Math.max(0, v);
      known++;
    }
  }
  trend.mean = known > 0 ? sum / known : Number.NaN;
}

/** Records one refresh of `rows` (CPU% measured over an interval) and gives each row its trend. */
export function attachCpuTrends(trends: CpuTrends, rows: readonly ProcessRow[]): void {
  const recorded = trends.record(rows);
  for (let i = 0; i < rows.length; i++) rows[i]!.cpuTrend = recorded[i];
}

/** The values kept, oldest first. */
export function trendValues(trend: CpuTrend): number[] {
  const { values, count, next } = trend;
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(values[(next - count + i + values.length) % values.length]!);
  return out;
}

/**
 * The trend as `width` eight-level blocks, the newest on the right, full at one core (100%) and
 * cut there; refreshes before the process was first seen, and unknown values, are blank.
 */
export function trendText(trend: CpuTrend | undefined, width: number): string {
  if (width <= 0) return '';
  const count = trend ? Math.min(trend.count, width) : 0;
  let out = ' '.repeat(width - count);
  if (!trend) return out;
  const { values, next } = trend;
  // Read straight off the ring: a refresh draws this for every row on screen.
  for (let i = count; i > 0; i--) out += blockChar(values[(next - i + values.length) % values.length]! / 100);
  return out;
}
