// Figures a benchmark asks pooltop for about itself (POOLTOP_STATS_FILE=path): how long the event
// loop was kept busy — the longest a key press could wait — and how long each frame took to
// render, written as JSON when pooltop exits. Nothing is measured when the variable is unset.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface RuntimeStats {
  /** Ink's onRender: called with each frame's render time. */
  onRender(metrics: { renderTime: number }): void;
  /** Writes the figures; called once on the way out. */
  write(): void;
}

export function runtimeStats(path: string | undefined): RuntimeStats | null {
  if (!path) return null;
  const delay: IntervalHistogram = monitorEventLoopDelay({ resolution: 2 });
  delay.enable();
  const renders: number[] = [];
  const started = performance.now();
  return {
    onRender({ renderTime }) {
      if (renders.length < 100_000) renders.push(renderTime);
    },
    write() {
      delay.disable();
      const sorted = [...renders].sort((a, b) => a - b);
      const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
      const ms = (ns: number): number => Math.round(ns / 1e4) / 100;
      const stats = {
        seconds: Math.round(performance.now() - started) / 1000,
        eventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
        frames: renders.length,
        renderMs: { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0 },
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        memoryMb: Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, Math.round(v / 1048576)])),
      };
      try {
        writeFileSync(path, `${JSON.stringify(stats, null, 2)}\n`);
      } catch {
        // A benchmark's file that cannot be written must not disturb the exit.
      }
    },
  };
}
