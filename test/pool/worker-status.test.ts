// A worker's one state: how it moves, what the snapshot shows of it, and when it may take a task.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PAUSE_TRUST_MS, WorkerStatus } from '../../src/pool/worker-status.js';

const idle = (): WorkerStatus => {
  const status = new WorkerStatus();
  status.ready();
  return status;
};

describe('WorkerStatus', () => {
  it('starts, becomes idle when ready, busy with a task and idle again: only idle takes a task', () => {
    const status = new WorkerStatus();
    assert.deepEqual([status.shown, status.starting, status.takesTasks], ['starting', true, false]);
    assert.equal(status.ready(), true);
    assert.equal(status.ready(), false, 'ready once');
    assert.deepEqual([status.shown, status.takesTasks], ['idle', true]);
    status.assigned();
    assert.deepEqual([status.shown, status.takesTasks], ['busy', false]);
    status.finished();
    assert.deepEqual([status.shown, status.takesTasks], ['idle', true]);
  });

  it('shows a pause over what it is doing, and leaving over a pause', () => {
    const status = idle();
    status.assigned();
    status.pause(0);
    assert.deepEqual([status.shown, status.activity, status.takesTasks], ['paused', 'busy', false]);
    status.retire();
    assert.equal(status.shown, 'exiting');
    status.resume();
    status.finished();
    assert.deepEqual([status.shown, status.activity, status.takesTasks], ['exiting', 'idle', false], 'retiring: idle, but takes nothing');
  });

  it('only ever moves forward on its way out', () => {
    const status = new WorkerStatus();
    status.retire();
    assert.equal(status.starting, true, 'a retiring worker still becomes ready (then leaves)');
    status.signalled();
    assert.deepEqual([status.departure, status.starting, status.ready()], ['signalled', false, false]);
    status.retire();
    assert.equal(status.departure, 'signalled');
    status.exited();
    status.signalled();
    assert.equal(status.departure, 'exited');
  });

  it('follows /proc: a stop from outside pauses it, a continue from outside resumes it', () => {
    const status = idle();
    status.observe('S', 0);
    assert.deepEqual([status.procState, status.paused, status.mayBeStopped], ['S', false, false]);
    status.observe('T', 10);
    assert.deepEqual([status.shown, status.takesTasks, status.mayBeStopped], ['paused', false, true]);
    status.observe('t', 20);
    assert.equal(status.paused, true, 'traced is stopped too');
    status.observe('R', 30);
    assert.deepEqual([status.shown, status.takesTasks], ['idle', true]);
  });

  it(`trusts the pool's own pause for ${PAUSE_TRUST_MS} ms before /proc may end it`, () => {
    const status = idle();
    status.pause(1000);
    status.observe('S', 1000 + PAUSE_TRUST_MS);
    assert.equal(status.paused, true, 'the SIGSTOP may not have landed yet');
    status.observe('S', 1001 + PAUSE_TRUST_MS);
    assert.equal(status.paused, false, 'continued from outside (a shell’s kill -CONT)');
  });
});
