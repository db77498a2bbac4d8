// The pool's totals and the snapshot built from them, with made-up workers and results.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cpuMsOf, PoolStats, type PoolParts, type WorkerCpu } from '../../src/pool/pool-stats.js';
import type { TaskResult } from '../../src/pool/task.js';

const result = (taskId: number): TaskResult => ({
  taskId,
  workload: 'sleep',
  arg: 1,
  value: 1,
  error: null,
  pid: 100,
  workerIndex: 1,
  cpuMs: 0,
  wallMs: 1,
  finishedAt: 0,
});
const cpu = (userUs: number, systemUs: number, procCpuMs = 0): WorkerCpu => ({ usage: { userUs, systemUs }, procCpuMs });
const parts = (fields: Partial<PoolParts> = {}): PoolParts => ({
  phase: 'running',
  workers: [],
  cpu: [],
  workload: null,
  pending: 0,
  inFlight: 0,
  children: [],
  ...fields,
});

describe('PoolStats', () => {
  it("takes a worker's CPU from its reports or /proc, whichever counted more", () => {
    assert.equal(cpuMsOf(cpu(3000, 1000, 2)), 4);
    assert.equal(cpuMsOf(cpu(3000, 1000, 10)), 10);
  });

  it('adds the CPU of exited workers, and of reports that came after their exit, to the live ones', () => {
    const stats = new PoolStats();
    stats.start(0, 50);
    const gone = cpu(2000, 1000);
    stats.retire(gone);
    stats.lateUsage(gone, { userUs: 5000, systemUs: 1000 });
    assert.deepEqual(gone.usage, { userUs: 5000, systemUs: 1000 });
    const { summary } = stats.snapshot(parts({ cpu: [cpu(1000, 0, 4)] }), 1000);
    assert.equal(summary.cpuMs, 3 + 3 + 4);
    assert.equal(summary.cpuUserMs, 5 + 1);
    assert.equal(summary.cpuSystemMs, 1);
    assert.equal(summary.coresBusy, 10 / 1000);
  });

  it('counts tasks, keeps the latest results in arrival order, bounded, and stops the clock with the run', () => {
    const stats = new PoolStats();
    stats.start(1000, 2);
    for (const id of [1, 2, 3]) stats.record(result(id));
    stats.replacement();
    stats.stop(3000);
    const { summary } = stats.snapshot(parts({ phase: 'stopped', workload: { workload: 'sleep' }, pending: 4, inFlight: 1 }), 9000);
    assert.deepEqual(
      summary.latest.map((r) => r.taskId),
      [2, 3],
    );
    assert.deepEqual(
      [summary.tasksDone, summary.wallMs, summary.tasksPerSecond, summary.replaced, summary.streaming, summary.pending, summary.inFlight],
      [3, 2000, 1.5, 1, true, 4, 1],
    );
    stats.start(10_000, 2);
    const fresh = stats.snapshot(parts(), 10_500).summary;
    assert.deepEqual([fresh.tasksDone, fresh.latest.length, fresh.wallMs, fresh.replaced, fresh.cpuMs], [0, 0, 500, 0, 0], 'a new run starts from zero');
  });

  it('has no time and no rates before a run', () => {
    const { summary } = new PoolStats().snapshot(parts({ phase: 'idle' }), 5000);
    assert.deepEqual([summary.startedAt, summary.wallMs, summary.coresBusy, summary.tasksPerSecond], [null, 0, 0, 0]);
  });
});
