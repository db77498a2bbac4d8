import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAppStore } from '../../src/store/app-store.js';
import { Poller } from '../../src/store/poller.js';
import type { Sample, Sampler } from '../../src/sampling/types.js';
import { info, sample } from '../model/fixtures.js';

class FakeSampler implements Sampler {
  readonly source = 'procfs' as const;
  readonly capabilities = { startTimePrecisionMs: 0, cpuTime: true };
  calls = 0;
  failures = 0;
  async sample(): Promise<Sample> {
    this.calls++;
    if (this.failures > 0) {
      this.failures--;
      throw new Error('EIO reading /proc');
    }
    return sample([info(1)], { monotonic: performance.now() });
  }
  close(): void {}
}

/** A sampler that hands out the samples it is given, one per call, and waits when it has none. */
class QueuedSampler implements Sampler {
  readonly source = 'procfs' as const;
  readonly capabilities = { startTimePrecisionMs: 0, cpuTime: true };
  calls = 0;
  private readonly queue: Sample[] = [];
  private waiting: ((sample: Sample) => void) | null = null;
  sample(): Promise<Sample> {
    this.calls++;
    const next = this.queue.shift();
    return next ? Promise.resolve(next) : new Promise((resolve) => (this.waiting = resolve));
  }
  push(sample: Sample): void {
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting) waiting(sample);
    else this.queue.push(sample);
  }
  close(): void {}
}

async function until(test: () => boolean, what: string): Promise<void> {
  for (const end = Date.now() + 5000; !test(); await new Promise((resolve) => setTimeout(resolve, 1))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
  }
}

describe('Poller', () => {
  it('samples at the interval and writes to the store', async () => {
    const store = createAppStore();
    const sampler = new FakeSampler();
    const poller = new Poller(sampler, store, 50);
    poller.start();
    await new Promise((resolve) => setTimeout(resolve, 400));
    poller.stop();
    assert.ok(sampler.calls >= 3 && sampler.calls <= 9, `${sampler.calls} samples in 400 ms at 50 ms`);
    assert.equal(store.getState().sample?.processes.length, 1);
  });

  it('turns a failing sample into one message and keeps going', async () => {
    const store = createAppStore();
    const sampler = new FakeSampler();
    sampler.failures = 3;
    const poller = new Poller(sampler, store, 20);
    poller.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    poller.stop();
    assert.match(store.getState().message?.text ?? '', /sampling failed: EIO/);
    assert.ok(store.getState().sample, 'recovered after the failures');
  });

  it('freezes the screen but keeps sampling, and catches up on unfreeze', async () => {
    const store = createAppStore();
    const sampler = new QueuedSampler();
    const poller = new Poller(sampler, store, 1);
    poller.start();
    try {
      sampler.push(sample([info(1, { cpuTime: 0 })], { monotonic: 0 }));
      await until(() => store.getState().sample !== null, 'the first sample shown');
      store.getState().toggleFreeze();
      const frozenRows = store.getState().rows;
      sampler.push(sample([info(1, { cpuTime: 1 }), info(2)], { monotonic: 1000 }));
      await until(() => sampler.calls === 3, 'the sample taken while frozen');
      assert.equal(store.getState().rows, frozenRows, 'nothing on screen changes while frozen');
      store.getState().toggleFreeze();
      assert.deepEqual(
        store
          .getState()
          .visible.map((r) => r.pid)
          .sort(),
        [1, 2],
      );
      assert.equal(Math.round(store.getState().rows.find((r) => r.pid === 1)!.cpu), 100);
    } finally {
      poller.stop();
    }
  });

  it('shows, on unfreeze, the newest sample measured since the one before it', async () => {
    const store = createAppStore();
    const sampler = new QueuedSampler();
    const poller = new Poller(sampler, store, 1);
    poller.start();
    try {
      sampler.push(sample([info(1, { cpuTime: 0 })], { monotonic: 0 }));
      await until(() => store.getState().sample !== null, 'the first sample shown');
      store.getState().toggleFreeze();
      sampler.push(sample([info(1, { cpuTime: 1 })], { monotonic: 1000 }));
      sampler.push(sample([info(1, { cpuTime: 1.25 })], { monotonic: 2000 }));
      await until(() => sampler.calls === 4, 'two samples taken while frozen');
      store.getState().toggleFreeze();
      assert.equal(store.getState().sample?.monotonic, 2000);
      assert.equal(Math.round(store.getState().rows[0]!.cpu), 25, 'CPU% over the last interval, not since the frozen screen');
      // Freezing and unfreezing again shows nothing new: the held sample was shown once.
      store.getState().toggleFreeze();
      store.getState().toggleFreeze();
      assert.equal(store.getState().sample?.monotonic, 2000);
    } finally {
      poller.stop();
    }
  });
});
