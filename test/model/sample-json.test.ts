import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { snapshotJson } from '../../src/model/sample-json.js';
import type { HostCounters } from '../../src/sampling/host-counters.js';
import { hostCounters, sample } from './fixtures.js';

// biome-ignore lint/suspicious/noExplicitAny: the document as parsed, its shape being what is checked
type Json = Record<string, any>;

const counters = (read: number, received: number): HostCounters => hostCounters([['nvme0n1', read, 0]], [['wlan0', received, 0]]);

describe('snapshot JSON: the system meters', () => {
  it("a laptop's: disks, network, frequency, temperatures, battery, GPU", () => {
    const doc = snapshotJson({
      previous: sample([], { monotonic: 0, counters: counters(0, 0) }),
      sample: sample([], { monotonic: 500, counters: counters(1000, 5000) }),
      rows: [],
      meters: {
        cpuFrequency: { mhz: [3400, 800], source: 'cpufreq' },
        temperatures: [{ label: 'Package id 0', celsius: 61, kind: 'package' }],
        battery: [{ name: 'BAT0', percent: 87, state: 'discharging', secondsLeft: 14400 }],
        gpus: [{ name: 'card0 (amdgpu)', utilization: 37, memoryUsedBytes: 1, memoryTotalBytes: 2, celsius: null }],
        missing: {},
      },
    }) as Json;
    assert.deepEqual(doc.disks, {
      total: { readBytesPerSecond: 2000, writeBytesPerSecond: 0 },
      devices: [{ device: 'nvme0n1', readBytesPerSecond: 2000, writeBytesPerSecond: 0 }],
    });
    assert.deepEqual(doc.network.total, { receiveBytesPerSecond: 10_000, transmitBytesPerSecond: 0 });
    assert.equal(doc.battery[0].secondsLeft, 14400);
    assert.equal(doc.gpus[0].utilization, 37);
    assert.equal('unavailable' in doc, false);
    assert.deepEqual(Object.keys(doc).slice(-8), ['tasks', 'disks', 'network', 'cpuFrequency', 'temperatures', 'battery', 'gpus', 'processes']);
  });

  it("a virtual machine's: no keys for what it lacks, and the reasons", () => {
    const doc = snapshotJson({ sample: sample([]), rows: [], meters: { missing: { battery: 'no battery in /sys/class/power_supply' } } }) as Record<
      string,
      unknown
    >;
    for (const key of ['disks', 'network', 'cpuFrequency', 'temperatures', 'battery', 'gpus']) assert.equal(key in doc, false, key);
    assert.deepEqual(doc.unavailable, { battery: 'no battery in /sys/class/power_supply' });
  });
});
