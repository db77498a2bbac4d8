// The refresh loop: takes a sample every interval and hands it to the store; never overlaps two
// samples, and turns a failed sample into a message instead of an exception. While the screen is
// frozen it holds the newest sample, and shows it on unfreeze.
import type { Sample, Sampler } from '../sampling/types.js';
import type { AppStore } from './app-store.js';

/** The first interval is short so CPU% has a delta to show soon after start-up. */
const FIRST_DELTA_MS = 300;
/** How soon a refresh asked for (after a signal) comes: long enough for the kernel to act. */
const SOON_MS = 150;

export class Poller {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private count = 0;
  private lastError = '';
  /** A sample is being taken: a refresh asked for now waits for it to end. */
  private busy = false;
  private soon = false;
  /** The newest sample taken, shown or not: the next one's CPU% is measured since it. */
  private lastTaken: Sample | null = null;
  /** While frozen: the newest sample and the one before it, shown on unfreeze. */
  private held: { sample: Sample; base: Sample | null } | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly sampler: Sampler,
    private readonly store: AppStore,
    private intervalMs: number,
    /** Runs before each sample is applied: what else the screen shows per refresh (the pool's figures). */
    private readonly beforeApply: () => void = () => {},
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.store.subscribe((state, previous) => {
      if (previous.frozen && !state.frozen) this.showHeld();
    });
    void this.tick();
  }

  stop(): void {
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Takes the next sample after `delayMs` instead of at the end of the interval (after a signal). */
  refreshSoon(delayMs = SOON_MS): void {
    if (!this.running) return;
    if (this.busy) {
      this.soon = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  /** A new refresh interval (the setup screen): the next sample comes that long after the last began. */
  setIntervalMs(ms: number): void {
    this.intervalMs = ms;
    if (!this.running || this.busy || !this.timer) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
  }

  /** Samples taken so far. */
  get samples(): number {
    return this.count;
  }

  private async tick(): Promise<void> {
    if (!this.running) return;
    const started = performance.now();
    this.busy = true;
    try {
      const sample = await this.sampler.sample({ threads: !this.store.getState().view.hideUserlandThreads });
      if (!this.running) return;
      this.count++;
      this.beforeApply();
      const base = this.sampler.baseOf ? this.sampler.baseOf(sample) : this.lastTaken;
      this.lastTaken = sample;
      if (this.store.getState().frozen) this.held = { sample, base };
      else this.store.getState().applySample(sample, base);
      this.lastError = '';
    } catch (error) {
      // Report a failure once, not every second.
      const text = `sampling failed: ${error instanceof Error ? error.message : String(error)}`;
      if (text !== this.lastError) this.store.getState().notify(text, 'error');
      this.lastError = text;
    } finally {
      this.busy = false;
    }
    this.store.getState().expireMessage();
    if (!this.running) return;
    const paced = this.sampler.nextSampleInMs?.();
    let interval = paced ?? (this.count === 1 ? Math.min(FIRST_DELTA_MS, this.intervalMs) : this.intervalMs);
    if (this.soon) interval = Math.min(interval, SOON_MS);
    this.soon = false;
    const wait = Math.max(0, interval - (performance.now() - started));
    this.timer = setTimeout(() => void this.tick(), wait);
  }

  private showHeld(): void {
    const held = this.held;
    this.held = null;
    if (held) this.store.getState().applySample(held.sample, held.base);
  }
}
