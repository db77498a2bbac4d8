// The refresh loop: takes a sample every interval and hands it to the store; never overlaps two
// samples, and turns a failed sample into a message instead of an exception.
import type { Sampler } from '../sampling/types.js';
import type { AppStore } from './app-store.js';

/** The first interval is short so CPU% has a delta to show soon after start-up. */
const FIRST_DELTA_MS = 300;

export class Poller {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private count = 0;
  private lastError = '';

  constructor(
    private readonly sampler: Sampler,
    private readonly store: AppStore,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.tick();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Samples taken so far. */
  get samples(): number {
    return this.count;
  }

  private async tick(): Promise<void> {
    if (!this.running) return;
    const started = performance.now();
    try {
      const sample = await this.sampler.sample();
      if (!this.running) return;
      this.count++;
      this.store.getState().applySample(sample);
      this.lastError = '';
    } catch (error) {
      // Report a failure once, not every second.
      const text = `sampling failed: ${error instanceof Error ? error.message : String(error)}`;
      if (text !== this.lastError) this.store.getState().notify(text, 'error');
      this.lastError = text;
    }
    this.store.getState().expireMessage();
    if (!this.running) return;
    const interval = this.count === 1 ? Math.min(FIRST_DELTA_MS, this.intervalMs) : this.intervalMs;
    const wait = Math.max(0, interval - (performance.now() - started));
    this.timer = setTimeout(() => void this.tick(), wait);
  }
}
