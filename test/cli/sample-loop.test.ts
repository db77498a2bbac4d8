import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SampleLoop } from '../../src/cli/sample-loop.js';
import type { Sample, Sampler } from '../../src/sampling/types.js';
import { sample } from '../model/fixtures.js';

/** A sampler whose samples take `ms` each, noting when each began and whether two overlapped. */
function slowSampler(ms: number): Sampler & { starts: number[]; overlapped: boolean; fail: boolean } {
  let busy = false;
  const s = {
    source: 'procfs' as const,
    capabilities: { startTimePrecisionMs: 0, cpuTime: true },
    starts: [] as number[],
    overlapped: false,
    fail: false,
    async sample(): Promise<Sample> {
      if (busy) s.overlapped = true;
      busy = true;
      s.starts.push(performance.now());
      await new Promise((r) => setTimeout(r, ms));
      busy = false;
      if (s.fail) throw new Error('EIO');
      return sample([]);
    },
    close(): void {},
  };
  return s;
}

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('SampleLoop', () => {
  it('samples one at a time, each interval counted from the start of the one before', async () => {
    const sampler = slowSampler(30);
    let got = 0;
    const loop = new SampleLoop(
      sampler,
      100,
      () => got++,
      () => assert.fail('no error expected'),
    );
    loop.start();
    await wait(560);
    loop.stop();
    assert.equal(sampler.overlapped, false);
    assert.ok(got >= 3 && got <= 6, `${got} samples in 560 ms at 100 ms`);
    const gaps = sampler.starts.slice(1).map((t, i) => t - sampler.starts[i]!);
    assert.ok(
      gaps.every((g) => g >= 95),
      `gaps ${gaps.map((g) => g.toFixed(0)).join(' ')}`,
    );
  });

  it('started again after a stop, waits out the interval since the last sample', async () => {
    const sampler = slowSampler(1);
    const loop = new SampleLoop(
      sampler,
      200,
      () => loop.stop(),
      () => {},
    );
    loop.start();
    await wait(50);
    assert.equal(sampler.starts.length, 1);
    loop.start();
    await wait(50);
    assert.equal(sampler.starts.length, 1, 'not at once: 200 ms had not passed');
    await wait(250);
    assert.equal(sampler.starts.length, 2);
    assert.ok(sampler.starts[1]! - sampler.starts[0]! >= 195);
  });

  it('hands errors over and keeps sampling; nothing after stop', async () => {
    const sampler = slowSampler(1);
    sampler.fail = true;
    const errors: unknown[] = [];
    const loop = new SampleLoop(
      sampler,
      20,
      () => {},
      (e) => errors.push(e),
    );
    loop.start();
    await wait(120);
    loop.stop();
    const seen = errors.length;
    assert.ok(seen >= 2, `${seen} errors`);
    await wait(60);
    assert.equal(errors.length, seen);
  });
});
