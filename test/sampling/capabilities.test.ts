// What each sampler declares of its source holds for the samples it gives: code trusts the
// declaration (the PID-reuse check's precision) instead of asking the source's name.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createSampler } from '../../src/sampling/create-sampler.js';
import { siListingRefusal } from '../../src/sampling/systeminformation-sampler.js';
import { SOURCE_NAMES, type Sample } from '../../src/sampling/types.js';

/** A bench beside the tests may have started 10,000 idle processes: more than si can list. */
const siRefusal = (): string | false => (process.platform === 'linux' && siListingRefusal(readdirSync('/proc').filter((name) => /^\d+$/.test(name)))) || false;

describe('source capabilities', () => {
  for (const source of SOURCE_NAMES) {
    it(`${source}: its samples carry its declaration, and bear it out`, {
      skip: (source === 'procfs' && process.platform !== 'linux' && 'needs /proc') || (source === 'systeminformation' && siRefusal()),
    }, async () => {
      const sampler = await createSampler(source);
      let sample: Sample;
      try {
        sample = await sampler.sample();
      } finally {
        sampler.close();
      }
      assert.equal(sample.capabilities, sampler.capabilities);
      const { startTimePrecisionMs, cpuTime } = sampler.capabilities;
      const own = sample.processes.find((p) => p.pid === process.pid);
      assert.ok(own, 'this process is listed');
      assert.equal(own.cpuTime >= 0, cpuTime, `cpuTime ${own.cpuTime}`);
      if (startTimePrecisionMs >= 1000) {
        assert.ok(
          sample.processes.every((p) => p.startTime % 1000 === 0),
          'whole seconds',
        );
      } else {
        assert.equal(startTimePrecisionMs, 0);
        assert.ok(
          sample.processes.some((p) => p.startTime % 1000 !== 0),
          'to the tick, not whole seconds',
        );
      }
      const sinceStart = Date.now() - process.uptime() * 1000;
      assert.ok(Math.abs(own.startTime - sinceStart) < startTimePrecisionMs + 2000, `start time ${own.startTime} near ${sinceStart}`);
    });
  }
});
