import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { timeBuckets } from '../../src/model/time-buckets.js';
import { TimeRing } from '../../src/model/time-ring.js';

function ringOf(points: [time: number, value: number][]): TimeRing {
  const ring = new TimeRing(100, 1);
  for (const [t, v] of points) ring.push(t, [v]);
  return ring;
}

describe('timeBuckets', () => {
  it('is all NaN without samples', () => {
    const out = timeBuckets(new TimeRing(4, 1), [0], 10_000, 10_000, 5);
    assert.equal(out.length, 5);
    assert.ok([...out].every(Number.isNaN));
  });

  it('gives each sample the interval before it: 1 s samples over 10 s in 10 buckets', () => {
    const ring = ringOf(Array.from({ length: 11 }, (_, i): [number, number] => [i * 1000, i / 10]));
    const out = [...timeBuckets(ring, [0], 10_000, 10_000, 10)].map((v) => Math.round(v * 100) / 100);
    assert.deepEqual(out, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });

  it('spreads one sample over the buckets it covers when buckets are shorter than the refresh', () => {
    const ring = ringOf([
      [0, 0],
      [1000, 1],
    ]);
    const out = [...timeBuckets(ring, [0], 1000, 1000, 4)];
    assert.deepEqual(out, [1, 1, 1, 1]);
  });

  it('averages by time when buckets are longer than the refresh', () => {
    const ring = ringOf([
      [0, 0],
      [1000, 1],
      [2000, 0],
      [3000, 1],
      [4000, 0],
    ]);
    assert.deepEqual([...timeBuckets(ring, [0], 4000, 4000, 2)], [0.5, 0.5]);
  });

  it('leaves the time before the history began NaN', () => {
    const ring = ringOf([
      [9000, 0.2],
      [10_000, 0.4],
    ]);
    const out = timeBuckets(ring, [0], 10_000, 10_000, 10);
    assert.ok([...out.slice(0, 8)].every(Number.isNaN), String([...out]));
    assert.ok(Math.abs(out[8]! - 0.2) < 1e-6 && Math.abs(out[9]! - 0.4) < 1e-6, String([...out]));
  });

  it('lays out several channels bucket by bucket', () => {
    const ring = new TimeRing(10, 3);
    ring.push(0, [0, 0, 0]);
    ring.push(1000, [0.1, 0.2, 0.3]);
    const out = [...timeBuckets(ring, [2, 0], 1000, 1000, 2)].map((v) => Math.round(v * 10) / 10);
    assert.deepEqual(out, [0.3, 0.1, 0.3, 0.1]);
  });
});
