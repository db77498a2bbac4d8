import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHistory, historyBytes, HISTORY_CAPACITY, recordSample, type History, MEMORY_CHANNELS, SWAP_CHANNEL } from '../../src/model/history.js';
import type { PoolSnapshot } from '../../src/pool/pool-snapshot.js';
import type { Sample } from '../../src/sampling/types.js';
import { sample } from './fixtures.js';

function coresSample(n: number, monotonic: number, busy = 50): Sample {
  return sample([], { monotonic, cpus: Array.from({ length: n }, () => ({ user: busy - 10, system: 10, nice: 0, idle: 100 - busy })) });
}

function poolOf(pids: number[], paused = false): PoolSnapshot {
  return {
    workers: pids.map((pid, i) => ({
      index: i + 1,
      pid,
      state: paused ? 'paused' : 'busy',
      task: null,
      taskSince: null,
      tasksDone: 0,
      cpuMs: 0,
      trap: false,
      procState: null,
      startedAt: 0,
    })),
    summary: { phase: 'running', workers: pids.length } as PoolSnapshot['summary'],
  };
}

function run(history: History, samples: Sample[], pool: PoolSnapshot | null = null, cpu = 100): History {
  let base: Sample | null = null;
  for (const s of samples) {
    history = recordSample(history, { sample: s, base, pool, cpuOf: () => cpu });
    base = s;
  }
  return history;
}

describe('history', () => {
  it('records each core as nice, user and system fractions, from the second sample on', () => {
    const h = run(createHistory(2), [coresSample(2, 0), coresSample(2, 1000, 60)]);
    assert.equal(h.cpu.length, 1);
    assert.deepEqual(
      [0, 1, 2].map((c) => Math.round(h.cpu.valueAt(0, c) * 100)),
      [0, 50, 10],
    );
    assert.equal(h.memory.length, 2);
    assert.equal(h.memory.valueAt(1, 0), 0.25);
    assert.ok(Number.isNaN(h.memory.valueAt(1, SWAP_CHANNEL)), 'no swap: NaN, not 0');
  });

  it("records the memory meter's parts and swap's used and cache, each a fraction of its total", () => {
    const gib = 1024 ** 3;
    const s = coresSample(2, 1000);
    s.memory = { ...s.memory, total: 8 * gib, used: 2 * gib, shared: 0.5 * gib, compressed: 0, buffers: 0.25 * gib, cached: 3 * gib };
    s.swap = { total: 4 * gib, used: 1 * gib, free: 2.5 * gib, cached: 0.5 * gib };
    const h = run(createHistory(2), [coresSample(2, 0), s]);
    assert.deepEqual(MEMORY_CHANNELS, ['used', 'shared', 'compressed', 'buffers', 'cache', 'swapUsed', 'swapCache']);
    assert.deepEqual(
      MEMORY_CHANNELS.map((_, c) => h.memory.valueAt(1, c)),
      [0.25, 0.0625, 0, 0.03125, 0.375, 0.25, 0.125],
    );
  });

  it('starts the CPU history afresh when the number of cores changes', () => {
    let h = run(createHistory(2), [coresSample(2, 0), coresSample(2, 1000)]);
    h = recordSample(h, { sample: coresSample(4, 2000), base: coresSample(2, 1000), pool: null, cpuOf: () => undefined });
    assert.equal(h.cpu.channels, 12);
    assert.equal(h.cpu.length, 1);
  });

  it('ignores a sample no newer than the last one recorded', () => {
    const h = run(createHistory(2), [coresSample(2, 0), coresSample(2, 1000)]);
    assert.equal(recordSample(h, { sample: coresSample(2, 1000), base: coresSample(2, 0), pool: null, cpuOf: () => 1 }), h);
  });

  it('keeps each live worker a ring, forgets those that left, and marks the changes', () => {
    let h = createHistory(2);
    h = run(h, [coresSample(2, 0), coresSample(2, 1000)], poolOf([10, 11]));
    assert.deepEqual([...h.workers.keys()], [10, 11]);
    assert.equal(h.pool.valueAt(0, 0), 2, 'two workers at 100 % are 2 cores busy');
    h = recordSample(h, { sample: coresSample(2, 2000), base: coresSample(2, 1000), pool: poolOf([10, 12], true), cpuOf: () => 0 });
    assert.deepEqual([...h.workers.keys()], [10, 12]);
    assert.deepEqual(
      h.poolMarks.map((m) => m.kind),
      ['paused', 'ended', 'started'],
    );
    h = recordSample(h, { sample: coresSample(2, 3000), base: coresSample(2, 2000), pool: null, cpuOf: () => 0 });
    assert.equal(h.workers.size, 0);
  });

  it('holds an hour at 1 Hz in fixed memory: 2 cores and 64 cores', () => {
    const figures: string[] = [];
    for (const cores of [2, 64]) {
      const samples = Array.from({ length: HISTORY_CAPACITY + 100 }, (_, i) => coresSample(cores, i * 1000));
      const h = run(createHistory(cores), samples, poolOf([10, 11]));
      const after = historyBytes(h);
      const more = historyBytes(run(h, [coresSample(cores, 1e9), coresSample(cores, 1e9 + 1000)], poolOf([10, 11])));
      assert.equal(h.cpu.length, HISTORY_CAPACITY);
      assert.equal(more, after, 'no growth past the capacity');
      figures.push(`${cores} cores: ${(after / 1024).toFixed(0)} KiB`);
      // 3600 × (8 + 4 × 3 × cores) for the CPU, plus memory, I/O, pool and two workers.
      assert.ok(after < 3600 * (8 + 12 * cores) + 400_000, figures.join(', '));
    }
    console.log(`history rings for an hour at 1 Hz: ${figures.join(', ')}`);
  });
});
