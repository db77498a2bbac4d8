import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TimeRing } from '../../src/model/time-ring.js';

describe('TimeRing', () => {
  it('keeps the newest `capacity` samples, oldest first, over 100,000 pushes', () => {
    const ring = new TimeRing(3600, 3);
    const bytes = ring.bytes;
    for (let i = 0; i < 100_000; i++) ring.push(i * 1000, [i % 7, i % 11, i % 13]);
    assert.equal(ring.length, 3600);
    assert.equal(ring.bytes, bytes, 'the ring never grows');
    assert.equal(ring.timeAt(0), (100_000 - 3600) * 1000);
    assert.equal(ring.timeAt(3599), 99_999 * 1000);
    for (const i of [0, 1, 1234, 3599]) {
      const n = 100_000 - 3600 + i;
      assert.deepEqual([ring.valueAt(i, 0), ring.valueAt(i, 1), ring.valueAt(i, 2)], [n % 7, n % 11, n % 13]);
    }
  });

  it('holds 3600 samples of 3 channels in 3600 × (8 + 3 × 4) bytes', () => {
    assert.equal(new TimeRing(3600, 3).bytes, 3600 * 8 + 3600 * 3 * 4);
  });

  it('finds the first sample at or after a time by bisection, across the wrap', () => {
    const ring = new TimeRing(5, 1);
    for (let i = 0; i < 8; i++) ring.push(i * 10, [i]);
    // Kept: times 30 40 50 60 70.
    assert.equal(ring.firstAtOrAfter(0), 0);
    assert.equal(ring.firstAtOrAfter(30), 0);
    assert.equal(ring.firstAtOrAfter(31), 1);
    assert.equal(ring.firstAtOrAfter(70), 4);
    assert.equal(ring.firstAtOrAfter(71), 5);
  });

  it('fills channels a push leaves out with NaN', () => {
    const ring = new TimeRing(2, 3);
    ring.push(1, [0.5]);
    assert.equal(ring.valueAt(0, 0), 0.5);
    assert.ok(Number.isNaN(ring.valueAt(0, 1)) && Number.isNaN(ring.valueAt(0, 2)));
  });

  it('refuses a capacity or channel count that is not a positive integer', () => {
    assert.throws(() => new TimeRing(0, 1), RangeError);
    assert.throws(() => new TimeRing(10, 0), RangeError);
    assert.throws(() => new TimeRing(1.5, 1), RangeError);
  });
});
