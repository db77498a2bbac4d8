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
});
