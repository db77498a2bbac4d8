// Samples every interval for the headless modes (snapshot --watch, serve): one sample at a time,
// each interval counted from the start of the sample before, so a slow sample delays the next
// one instead of piling up behind it.
import type { Sample, Sampler } from '../sampling/types.js';

export class SampleLoop {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  /** When the last sample began (performance.now()), or null before the first. */
  private lastStart: number | null = null;

  constructor(
    private readonly sampler: Sampler,
    private readonly intervalMs: number,
    private readonly onSample: (sample: Sample) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Takes the first sample now; started again after stop(), the next one an interval after the last. */
  start(): void {
    if (this.running) return;
    this.running = true;
    const wait = this.lastStart === null ? 0 : Math.max(0, this.intervalMs - (performance.now() - this.lastStart));
    this.timer = setTimeout(() => void this.tick(), wait);
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async tick(): Promise<void> {
    const started = performance.now();
    this.lastStart = started;
    try {
      const sample = await this.sampler.sample();
      if (!this.running) return;
      this.onSample(sample);
    } catch (error) {
      if (!this.running) return;
      this.onError(error);
    }
    if (!this.running) return;
    this.timer = setTimeout(() => void this.tick(), Math.max(0, this.intervalMs - (performance.now() - started)));
  }
}
