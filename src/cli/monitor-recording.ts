// `pooltop --record FILE`: the monitor's own samples (no second sampling loop) written to a
// recording as they are taken, with the pool's snapshot then and what the message line said since.
import type { RecordedEvent } from '../model/recording-codec.js';
import type { PoolSnapshot } from '../pool/pool-snapshot.js';
import type { AppStore } from '../store/app-store.js';
import type { Sampler } from '../sampling/types.js';
import { RecordingWriter } from './recording-writer.js';
import { version } from './version.js';

export interface MonitorRecording {
  /** The monitor's sampler, each of whose samples is also recorded. */
  observe(sampler: Sampler): Sampler;
  close(): void;
}

/** What the recording needs of the pool: a snapshot while one has run. */
interface RecordedPool {
  readonly state: string;
  snapshot(): PoolSnapshot;
}

/**
 * Creates the file before the monitor takes the terminal, so a name that exists is said in one
 * line (thrown) and the monitor does not start. A write that fails later (a full disk) stops the
 * recording, says so in the message line, and leaves the file readable up to its last sample.
 */
export function startMonitorRecording(file: string, store: AppStore, pool: RecordedPool, intervalMs: number, sampler: Sampler): MonitorRecording {
  const writer = RecordingWriter.create(file, {
    source: sampler.source,
    capabilities: sampler.capabilities,
    intervalMs,
    started: Date.now(),
    writer: `pooltop ${version()}`,
  });
  let events: RecordedEvent[] = [];
  const unsubscribe = store.subscribe((state, previous) => {
    const m = state.message;
    if (m && m !== previous.message) events.push({ at: m.at, level: m.level, text: m.text });
  });
  return {
    observe: (inner) => ({
      source: inner.source,
      capabilities: inner.capabilities,
      sample: async () => {
        const sample = await inner.sample();
        if (writer.failure) return sample;
        writer.write({ sample, pool: pool.state === 'idle' ? null : pool.snapshot(), events });
        events = [];
        if (writer.failure) store.getState().notify(writer.failure, 'error');
        return sample;
      },
      close: () => inner.close(),
    }),
    close: () => {
      unsubscribe();
      writer.close();
    },
  };
}
