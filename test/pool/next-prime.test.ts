import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPrimeNaive, isPrimeSqrt, nextPrime } from '../../src/pool/next-prime.js';

const SEED = [1000003, 2000003, 3000017, 4000037, 5000011, 6000011, 7000003, 8000009, 9000011];

describe('nextPrime', () => {
  it('finds the smallest prime >= 1,000,000', () => {
    assert.equal(nextPrime(1_000_000), 1_000_003);
    assert.equal(nextPrime(1_000_000, 'sqrt'), 1_000_003);
  });

  it("reproduces the seed's nine results for range(1000000, 10000000, 1000000)", () => {
    const got: number[] = [];
    for (let x = 1_000_000; x < 10_000_000; x += 1_000_000) got.push(nextPrime(x));
    assert.deepEqual(got, SEED);
  });

  it('returns n itself when n is prime', () => {
    assert.equal(nextPrime(2), 2);
    assert.equal(nextPrime(1_000_003), 1_000_003);
    // 2^31 − 1 is prime: the top of the accepted range maps to itself.
    assert.equal(nextPrime(2 ** 31 - 1, 'sqrt'), 2 ** 31 - 1);
  });

  it('naive and sqrt agree on every n from 2 to 5000 and on a sample of larger ones', () => {
    for (let n = 2; n <= 5000; n++) assert.equal(nextPrime(n, 'naive'), nextPrime(n, 'sqrt'), `n = ${n}`);
    for (const n of [65_536, 99_991, 1_048_576, 3_000_000, 7_999_993]) {
      assert.equal(nextPrime(n, 'naive'), nextPrime(n, 'sqrt'), `n = ${n}`);
    }
  });

  it("naive is_prime is the seed's: 0 and 1 count as prime, as in the Python", () => {
    assert.equal(isPrimeNaive(0), true);
    assert.equal(isPrimeNaive(1), true);
    assert.equal(isPrimeSqrt(0), false);
    assert.equal(isPrimeSqrt(1), false);
    assert.equal(isPrimeNaive(4), false);
    assert.equal(isPrimeNaive(97), true);
  });

  it('ticks between blocks of divisors during a long naive test', () => {
    let ticks = 0;
    // 2,000,003 is prime: ~2M divisions = at least one full block of 2^20.
    assert.equal(
      nextPrime(2_000_000, 'naive', () => ticks++),
      2_000_003,
    );
    assert.ok(ticks >= 1, `ticks = ${ticks}`);
  });
});
