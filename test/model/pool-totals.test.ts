import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CounterFloor } from '../../src/model/counter-floor.js';
import { PoolTotals } from '../../src/model/pool-totals.js';

describe('PoolTotals', () => {
  it('carries CPU on across a restart of the pool, whose own total starts at 0 again', () => {
    const totals = new PoolTotals();
    totals.observe({ startedAt: 1000, cpuMs: 500 });
    totals.observe({ startedAt: 1000, cpuMs: 1500 });
    assert.equal(totals.cpuSeconds, 1.5);
    totals.observe({ startedAt: 9000, cpuMs: 200 });
    assert.equal(totals.cpuSeconds, 1.7);
    // A look that shows less than the last one within a run (never expected) does not go back.
    totals.observe({ startedAt: 9000, cpuMs: 100 });
    assert.equal(totals.cpuSeconds, 1.7);
    // A pool never started has nothing to add.
    new PoolTotals().observe({ startedAt: null, cpuMs: 0 });
  });

  it('counts results by workload and outcome, re-queued tasks and replaced workers', () => {
    const totals = new PoolTotals();
    totals.addResult({ workload: 'primes', error: null });
    totals.addResult({ workload: 'primes', error: null });
    totals.addResult({ workload: 'primes', error: 'boom' });
    totals.addResult({ workload: 'sleep', error: null });
    assert.deepEqual(totals.tasksDone, [
      { workload: 'primes', outcome: 'ok', count: 2 },
      { workload: 'primes', outcome: 'error', count: 1 },
      { workload: 'sleep', outcome: 'ok', count: 1 },
    ]);
    totals.addExit({ requeued: null, replacedBy: null });
    totals.addExit({ requeued: { id: 1, workload: 'primes', arg: 5 }, replacedBy: 3 });
    assert.equal(totals.requeued, 1);
    assert.equal(totals.replaced, 1);
  });
});

describe('CounterFloor', () => {
  it('never lets a series go below its highest value', () => {
    const floor = new CounterFloor();
    assert.deepEqual(
      [10, 12, 11, 12, 15].map((v) => floor.value('0 iowait', v)),
      [10, 12, 12, 12, 15],
    );
    assert.equal(floor.value('1 iowait', 3), 3, 'each series on its own');
  });
});
