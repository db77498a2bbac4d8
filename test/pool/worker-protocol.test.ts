import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFromWorker, parseToWorker, parseWorkerArgv, workerArgv } from '../../src/pool/worker-protocol.js';

const usage = { userUs: 1, systemUs: 2 };

describe('worker protocol', () => {
  it('round-trips the worker argv', () => {
    assert.deepEqual(parseWorkerArgv(workerArgv({ index: 3, parentPid: 1234, trap: true, childDeathSignal: false })), {
      index: 3,
      parentPid: 1234,
      trap: true,
      childDeathSignal: false,
    });
    assert.deepEqual(parseWorkerArgv(workerArgv({ index: 1, parentPid: 1234, trap: false, childDeathSignal: true })), {
      index: 1,
      parentPid: 1234,
      trap: false,
      childDeathSignal: true,
    });
    assert.equal(parseWorkerArgv(['x', '1234']), null);
    assert.equal(parseWorkerArgv(['1', '1234', '--evil']), null);
  });

  it('accepts well-formed worker messages only', () => {
    const ok = { type: 'result', taskId: 1, value: 7, pid: 99, cpuMs: 1, wallMs: 1, usage };
    assert.deepEqual(parseFromWorker(ok), ok);
    assert.equal(parseFromWorker({ ...ok, value: { toString: 1 } }), null);
    assert.equal(parseFromWorker({ ...ok, taskId: -1 }), null);
    assert.equal(parseFromWorker({ ...ok, cpuMs: Number.NaN }), null);
    assert.equal(parseFromWorker({ ...ok, usage: null }), null);
    assert.equal(parseFromWorker({ type: 'trapped', signal: 'SIGKILL', pid: 9 }), null);
    assert.ok(parseFromWorker({ type: 'trapped', signal: 'SIGTERM', pid: 9 }));
    assert.equal(parseFromWorker('result'), null);
  });

  it('accepts a family task’s child reports only when well formed', () => {
    const start = { type: 'child-start', pid: 99, taskId: 3, childPid: 120, startTicks: 4567, command: 'sleep 8', diesWithWorker: true };
    assert.deepEqual(parseFromWorker(start), start);
    assert.equal(parseFromWorker({ ...start, diesWithWorker: undefined }), null, 'whether it dies with its worker is always said');
    assert.ok(parseFromWorker({ ...start, startTicks: null }), 'no /proc in the worker');
    assert.equal(parseFromWorker({ ...start, childPid: -1 }), null);
    assert.equal(parseFromWorker({ ...start, childPid: '120' }), null);
    assert.equal(parseFromWorker({ ...start, startTicks: 1.5 }), null);
    assert.equal(parseFromWorker({ ...start, command: 'x'.repeat(201) }), null);
    const exit = { type: 'child-exit', pid: 99, taskId: 3, childPid: 120, code: 0, signal: null };
    assert.deepEqual(parseFromWorker(exit), exit);
    assert.ok(parseFromWorker({ ...exit, code: null, signal: 'SIGKILL' }));
    assert.equal(parseFromWorker({ ...exit, signal: 'KILL; rm' }), null);
    assert.equal(parseFromWorker({ ...exit, code: -2 }), null);
  });

  it('parses manager messages, keeping only task fields', () => {
    assert.deepEqual(parseToWorker({ type: 'retire' }), { type: 'retire' });
    assert.deepEqual(parseToWorker({ type: 'task', task: { id: 4, workload: 'primes', arg: 10, method: 'sqrt', extra: 1 } }), {
      type: 'task',
      task: { id: 4, workload: 'primes', arg: 10, method: 'sqrt' },
    });
    assert.equal(parseToWorker({ type: 'task', task: { id: 4, workload: 'rm -rf', arg: 10 } }), null);
    assert.equal(parseToWorker({ type: 'shell' }), null);
  });
});
