// The lab's CPU-bound programs run as real processes with small arguments: the class's primes
// serial, one Process per task and on a pool (map in order, as_completed out of order), and
// the sum of squares serial, on threads and on processes — each result checked exactly.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { killAll, LabRun, NO_PYTHON } from './lab-run.js';

afterEach(async () => {
  assert.deepEqual(
    (await killAll()).map((p) => p.pid),
    [],
    'every program ended by itself',
  );
});

/** The smallest prime ≥ n, the slow way the programs do it (only small n here). */
function nextPrime(n: number): number {
  for (let p = n; ; p++) {
    let d = 2;
    while (d < p && p % d !== 0) d++;
    if (d === p) return p;
  }
}

const RANGE = ['--from', '100000', '--to', '900000', '--step', '100000'];
const XS = [100000, 200000, 300000, 400000, 500000, 600000, 700000, 800000];

/** The `next_prime(x) = p  worker w` lines of primes_pool.py, in the order printed. */
function poolResults(lines: readonly string[]): Array<{ x: number; p: number; worker: number }> {
  return lines.flatMap((line) => {
    const m = /next_prime\((\d+)\) = (\d+) {2}worker (\d+)/.exec(line);
    return m ? [{ x: Number(m[1]), p: Number(m[2]), worker: Number(m[3]) }] : [];
  });
}

describe('the lab programs: primes and sums of squares', { skip: NO_PYTHON }, () => {
  it('primes.py prints next_prime of each x, in order', async () => {
    const run = await LabRun.start('primes.py', RANGE);
    assert.equal(await run.finished(), 0);
    assert.deepEqual(run.lines.map(Number), XS.map(nextPrime));
  });

  it('primes_processes.py runs each task in a process of its own and prints every result', async () => {
    const run = await LabRun.start('primes_processes.py', RANGE);
    assert.equal(await run.finished(), 0);
    const results = run.lines.flatMap((line) => {
      const m = /^(\d+)\tpid (\d+)$/.exec(line);
      return m ? [{ p: Number(m[1]), pid: Number(m[2]) }] : [];
    });
    assert.deepEqual(
      results.map((r) => r.p).sort((a, b) => a - b),
      XS.map(nextPrime),
    );
    const pids = new Set(results.map((r) => r.pid));
    assert.equal(pids.size, XS.length, 'one process per task');
    assert.ok(!pids.has(run.pid), 'none of them the parent');
    assert.equal(run.lines.at(-1), 'All done');
  });

  it('primes_pool.py --how map gives the results in submission order, from at most --workers processes', async () => {
    const run = await LabRun.start('primes_pool.py', ['--how', 'map', '--workers', '2', ...RANGE]);
    assert.equal(await run.finished(), 0);
    const results = poolResults(run.lines);
    assert.deepEqual(
      results.map((r) => r.x),
      XS,
    );
    assert.deepEqual(
      results.map((r) => r.p),
      XS.map(nextPrime),
    );
    assert.ok(new Set(results.map((r) => r.worker)).size <= 2, 'two workers did every task');
  });

  it('primes_pool.py --how as_completed --largest-first prints small results before the largest task is done', async () => {
    // The largest task is 8 times the smallest: the other worker finishes that one long before.
    const run = await LabRun.start('primes_pool.py', ['--how', 'as_completed', '--largest-first', '--workers', '2', ...RANGE]);
    assert.equal(await run.finished(), 0);
    assert.match(run.lines[0]!, /submitted in the order 800000, 100000, 200000/);
    const results = poolResults(run.lines);
    assert.deepEqual(
      results.map((r) => r.x).sort((a, b) => a - b),
      XS,
    );
    assert.notEqual(results[0]!.x, 800000, 'the first task submitted is not the first result');
    assert.deepEqual(
      results.map((r) => r.p).sort((a, b) => a - b),
      XS.map(nextPrime),
    );
  });

  it('primes_pool.py --how submit collects in submission order, as the class does', async () => {
    const run = await LabRun.start('primes_pool.py', ['--largest-first', '--workers', '2', ...RANGE]);
    assert.equal(await run.finished(), 0);
    assert.deepEqual(
      poolResults(run.lines).map((r) => r.x),
      [800000, ...XS.slice(0, -1)],
    );
  });

  it('primes.py refuses an empty range with a usage error', async () => {
    const run = await LabRun.start('primes.py', ['--from', '10', '--to', '5']);
    assert.equal(await run.finished(), 2);
    assert.match(run.stderr.join('\n'), /no tasks: range\(10, 5, 1000000\) is empty/);
  });

  it('sum_squares.py gives the exact sums serially, on threads and on processes; threads keep at most about one core busy', async () => {
    const base = 300_000;
    const count = 10;
    const run = await LabRun.start('sum_squares.py', ['--base', String(base), '--count', String(count), '--workers', '2']);
    assert.equal(await run.finished(), 0);
    // sum of i² for i < n is (n − 1) n (2n − 1) / 6.
    let expected = 0n;
    for (let n = BigInt(base); n < BigInt(base + count); n++) expected += ((n - 1n) * n * (2n * n - 1n)) / 6n;
    assert.equal(run.lines.at(-1), `sum of the results: ${expected}`);
    const busy = Object.fromEntries(
      run.lines.flatMap((line) => {
        const m = /^ *(\w+): Duration [\d.]+ seconds; CPU [\d.]+ s, ([\d.]+) cores busy$/.exec(line);
        return m ? [[m[1]!, Number(m[2])]] : [];
      }),
    );
    assert.deepEqual(Object.keys(busy), ['serial', 'threads', 'processes']);
    // One GIL: two threads never run Python code at once (CPU is counted in 10 ms ticks: slack).
    assert.ok(busy.threads! < 1.3, `threads kept ${busy.threads} cores busy`);
  });
});
