import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { marksLine, poolChanges } from '../../src/model/pool-marks.js';
import type { PoolSnapshot, WorkerSnapshot } from '../../src/pool/pool-snapshot.js';

function pool(workers: [pid: number, state: WorkerSnapshot['state']][], phase: PoolSnapshot['summary']['phase'] = 'running'): PoolSnapshot {
  return {
    workers: workers.map(([pid, state], i) => ({
      index: i + 1,
      pid,
      state,
      task: null,
      taskSince: null,
      tasksDone: 0,
      cpuMs: 0,
      trap: false,
      procState: null,
      startedAt: 0,
    })),
    summary: { phase, workers: workers.length } as PoolSnapshot['summary'],
  };
}

describe('poolChanges', () => {
  it('says nothing for a pool first seen, or for no pool', () => {
    assert.deepEqual(poolChanges(null, pool([[10, 'busy']])), []);
    assert.deepEqual(poolChanges(pool([[10, 'busy']]), null), []);
    assert.deepEqual(poolChanges(pool([], 'idle'), pool([[10, 'busy']])), []);
  });

  it('tells pauses and resumes apart by the paused workers', () => {
    const running = pool([
      [10, 'busy'],
      [11, 'busy'],
    ]);
    const paused = pool([
      [10, 'paused'],
      [11, 'paused'],
    ]);
    assert.deepEqual(poolChanges(running, paused), ['paused']);
    assert.deepEqual(poolChanges(paused, running), ['resumed']);
    assert.deepEqual(poolChanges(running, running), []);
  });

  it('marks a worker gone and one started in its place', () => {
    assert.deepEqual(
      poolChanges(
        pool([
          [10, 'busy'],
          [11, 'busy'],
        ]),
        pool([
          [10, 'busy'],
          [12, 'starting'],
        ]),
      ),
      ['ended', 'started'],
    );
    assert.deepEqual(
      poolChanges(
        pool([[10, 'busy']]),
        pool([
          [10, 'busy'],
          [12, 'starting'],
        ]),
      ),
      ['started'],
    );
  });
});

describe('marksLine', () => {
  it('puts each mark in the cell of its time, the later one winning a cell', () => {
    const marks = [
      { time: 1000, kind: 'paused' as const },
      { time: 5500, kind: 'resumed' as const },
      { time: 9999, kind: 'ended' as const },
      { time: 10_000, kind: 'started' as const },
    ];
    assert.equal(marksLine(marks, 10_000, 10_000, 10), ' P   R   +');
  });

  it('leaves out marks older than the span, and draws nothing at width 0', () => {
    assert.equal(marksLine([{ time: 0, kind: 'paused' }], 20_000, 10_000, 5), '     ');
    assert.equal(marksLine([{ time: 0, kind: 'paused' }], 0, 10_000, 0), '');
  });
});
