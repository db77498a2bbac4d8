import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostRates } from '../../src/model/host-rates.js';
import { hostCounters } from './fixtures.js';

const counters = hostCounters;

describe('hostRates', () => {
  it('gives bytes a second per device and in total', () => {
    const before = counters(
      [
        ['sda', 1000, 2000],
        ['nvme0n1', 0, 0],
      ],
      [
        ['lo', 100, 100],
        ['eth0', 0, 0],
      ],
    );
    const after = counters(
      [
        ['sda', 3000, 6000],
        ['nvme0n1', 1000, 0],
      ],
      [
        ['lo', 1100, 1100],
        ['eth0', 500, 250],
      ],
    );
    const rates = hostRates(before, after, 2)!;
    assert.deepEqual(rates.disks, [
      { device: 'sda', readBytesPerSecond: 1000, writeBytesPerSecond: 2000 },
      { device: 'nvme0n1', readBytesPerSecond: 500, writeBytesPerSecond: 0 },
    ]);
    assert.deepEqual(rates.diskTotal, { readBytesPerSecond: 1500, writeBytesPerSecond: 2000 });
    assert.deepEqual(rates.networkTotal, { receiveBytesPerSecond: 750, transmitBytesPerSecond: 625 });
  });

  it('leaves device-mapper and md devices out of the disk total (their disks count the same I/O)', () => {
    const before = counters(
      [
        ['sda', 0, 0],
        ['dm-0', 0, 0],
        ['md0', 0, 0],
      ],
      [],
    );
    const after = counters(
      [
        ['sda', 100, 100],
        ['dm-0', 100, 100],
        ['md0', 100, 100],
      ],
      [],
    );
    assert.deepEqual(hostRates(before, after, 1)!.diskTotal, { readBytesPerSecond: 100, writeBytesPerSecond: 100 });
  });

  it('counts 0 for a device seen once or whose counter went backwards', () => {
    const before = counters([['sda', 5000, 5000]], [['eth0', 9000, 9000]]);
    const after = counters(
      [
        ['sda', 10, 10],
        ['sdb', 100, 100],
      ],
      [['eth0', 10, 10]],
    );
    const rates = hostRates(before, after, 1)!;
    assert.deepEqual(rates.diskTotal, { readBytesPerSecond: 0, writeBytesPerSecond: 0 });
    assert.deepEqual(rates.networkTotal, { receiveBytesPerSecond: 0, transmitBytesPerSecond: 0 });
  });

  it('is null without two readings or without time between them', () => {
    const c = counters([], []);
    assert.equal(hostRates(undefined, c, 1), null);
    assert.equal(hostRates(c, undefined, 1), null);
    assert.equal(hostRates(c, c, 0), null);
    assert.equal(hostRates(c, c, Number.NaN), null);
  });
});
