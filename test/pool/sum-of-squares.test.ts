import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sumOfSquares } from '../../src/pool/sum-of-squares.js';

/** n(n−1)(2n−1)/6: Σ i² for i < n. */
const closedForm = (n: number): bigint => {
  const b = BigInt(n);
  return (b * (b - 1n) * (2n * b - 1n)) / 6n;
};

describe('sumOfSquares', () => {
  it("is the seed's cpu_bound: sum(i * i for i in range(n))", () => {
    assert.equal(sumOfSquares(10), 285n);
    assert.equal(sumOfSquares(0), 0n);
    assert.equal(sumOfSquares(1), 0n);
    assert.equal(sumOfSquares(2), 1n);
  });

  it('is exact where doubles are not (the sum passes 2^53 near n = 300,000)', () => {
    // Python: sum(i * i for i in range(5_000_000)) == 41666654166667500000
    assert.equal(sumOfSquares(5_000_000), 41_666_654_166_667_500_000n);
    assert.equal(sumOfSquares(5_000_019), closedForm(5_000_019));
    assert.ok(sumOfSquares(5_000_000) > BigInt(Number.MAX_SAFE_INTEGER));
  });

  it('agrees with the closed form across block edges (2^20) and the 16-bit split', () => {
    for (const n of [65_535, 65_536, 65_537, 1_048_575, 1_048_576, 1_048_577, 3_141_593]) {
      assert.equal(sumOfSquares(n), closedForm(n), `n = ${n}`);
    }
  });

  it('refuses arguments it cannot sum exactly', () => {
    assert.throws(() => sumOfSquares(-1), RangeError);
    assert.throws(() => sumOfSquares(1.5), RangeError);
    assert.throws(() => sumOfSquares(2 ** 31 + 1), RangeError);
  });
});
