// Reads the system meters, each at its own cadence, into the store (or whatever keeps them, as
// snapshot --watch does): never on the refresh path, one read of a source at a time, and a
// failing source turned into a reason, not an exception.
import { MISSING_RETRY_MS, readSafely, type MeterSource } from '../sampling/system-meter-sources.js';
import { withReading, type SystemMeters } from '../sampling/system-meters.js';
import type { AppStore } from './app-store.js';

/** Where the meters are kept: read the latest, and put the next. */
export interface MetersHolder {
  get(): SystemMeters;
  set(meters: SystemMeters): void;
}

/**
 * The store as the meters' holder, a reading put there with the next sample (`flush`, called as
 * each sample is applied) rather than on its own: set between two refreshes, each reading drew a
 * frame of its own, the CPU frequency alone one every 2 s beside the refresh's one a second.
 */
export function storeMeters(store: AppStore): MetersHolder & { flush(): void } {
  let pending: SystemMeters | null = null;
  return {
    get: () => pending ?? store.getState().meters,
    set: (meters) => {
      pending = meters;
    },
    flush: () => {
      if (pending === null) return;
      const meters = pending;
      pending = null;
      store.getState().setMeters(meters);
    },
  };
}

export class MetersPoller {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private running = false;

  constructor(
    private readonly holder: MetersHolder,
    private readonly sources: readonly MeterSource[],
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const source of this.sources) void this.read(source);
  }

  stop(): void {
    this.running = false;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async read(source: MeterSource): Promise<void> {
    if (!this.running) return;
    const reading = await readSafely(source);
    if (!this.running) return;
    this.holder.set(withReading(this.holder.get(), source.name, reading));
    const timer = setTimeout(() => void this.read(source), 'value' in reading ? source.everyMs : MISSING_RETRY_MS);
    // The meters never keep pooltop running on their own.
    timer.unref();
    this.timers.set(source.name, timer);
  }
}
