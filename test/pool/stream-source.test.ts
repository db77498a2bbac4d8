import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FAMILY_STREAM_MS, StreamSource } from '../../src/pool/stream-source.js';
import type { TaskResult } from '../../src/pool/task.js';
import { MAX_FAMILY_MS, MAX_PRIME_ARG } from '../../src/pool/workloads.js';

const result = (over: Partial<TaskResult>): TaskResult => ({
  taskId: 1,
  workload: 'primes',
  method: 'naive',
  arg: 1,
  value: 1,
  error: null,
  pid: 100,
  workerIndex: 1,
  cpuMs: 1000,
  wallMs: 1000,
  finishedAt: 0,
  ...over,
});

describe('StreamSource', () => {
  it('starts naive primes near the calibrated ~1 s argument, each task distinct', () => {
    const source = new StreamSource();
    const a = source.next();
    const b = source.next();
    assert.equal(a.workload, 'primes');
    assert.equal(a.method, 'naive');
    assert.ok(a.arg > 500_000_000 && a.arg < 900_000_000, String(a.arg));
    assert.ok(b.arg > a.arg);
  });

  it('scales the argument to the measured speed', () => {
    const source = new StreamSource();
    const before = source.baseArg();
    // A machine twice as slow: 2 s of CPU for what was meant to be 1 s.
    for (let i = 0; i < 20; i++) source.observe(result({ value: before, arg: before, cpuMs: 2000 }));
    const after = source.baseArg();
    assert.ok(Math.abs(after / before - 0.5) < 0.02, `${before} → ${after}`);
  });

  it('ignores errors, tiny tasks and other workloads', () => {
    const source = new StreamSource();
    const before = source.baseArg();
    source.observe(result({ error: 'boom', value: null, cpuMs: 5000 }));
    source.observe(result({ cpuMs: 3 }));
    source.observe(result({ workload: 'sumsq', cpuMs: 5000 }));
    assert.equal(source.baseArg(), before);
  });

  it('keeps every argument in the workload range, sleep at the target', () => {
    const source = new StreamSource({ workload: 'primes', method: 'sqrt' });
    for (let i = 0; i < 200; i++) assert.ok(source.next().arg <= MAX_PRIME_ARG);
    source.setWorkload({ workload: 'sleep' });
    assert.deepEqual(source.next(), { workload: 'sleep', arg: 1000 });
    source.setWorkload({ workload: 'sumsq' });
    assert.equal(source.next().workload, 'sumsq');
  });

  it('family: children of FAMILY_STREAM_MS whatever the target, long enough to kill the worker and watch the orphan', () => {
    const source = new StreamSource({ workload: 'family' }, 1000);
    assert.deepEqual(source.next(), { workload: 'family', arg: FAMILY_STREAM_MS });
    assert.deepEqual(source.next(), { workload: 'family', arg: FAMILY_STREAM_MS });
    source.observe(result({ workload: 'family', arg: FAMILY_STREAM_MS, value: 'child 1 exit 0', cpuMs: 30 }));
    assert.equal(source.next().arg, FAMILY_STREAM_MS);
    assert.ok(FAMILY_STREAM_MS <= MAX_FAMILY_MS);
  });
});
