import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TaskQueue } from '../../src/pool/task-queue.js';

interface T {
  id: number;
}
const tasks = (...ids: number[]): T[] => ids.map((id) => ({ id }));
const W1 = 1;
const W2 = 2;
const W3 = 3;

describe('TaskQueue', () => {
  it('hands out one task at a time per worker, in FIFO order', () => {
    const q = new TaskQueue<T>();
    assert.ok(q.add(tasks(1, 2, 3)));
    assert.equal(q.next(W1)?.id, 1);
    assert.equal(q.next(W1), undefined, 'a busy worker gets no second task');
    assert.equal(q.next(W2)?.id, 2);
    assert.equal(q.pendingCount, 1);
    assert.equal(q.inFlightCount, 2);
    assert.ok(q.complete(W1, 1));
    assert.equal(q.next(W1)?.id, 3);
    assert.equal(q.next(W3), undefined);
  });

  it('refuses a batch with a known or repeated id', () => {
    const q = new TaskQueue<T>();
    q.add(tasks(1));
    assert.equal(q.add(tasks(2, 1)), false);
    assert.equal(q.add(tasks(5, 5)), false);
    assert.equal(q.pendingCount, 1);
  });

  it('puts the task of a dead worker back at the head', () => {
    const q = new TaskQueue<T>();
    q.add(tasks(1, 2, 3, 4));
    q.next(W1);
    q.next(W2);
    assert.equal(q.requeue(W2)?.id, 2);
    assert.equal(q.next(W3)?.id, 2, 'the requeued task runs next');
    assert.equal(q.next(W2)?.id, 3);
    assert.equal(q.requeue(W1)?.id, 1);
    assert.equal(q.requeue(W1), undefined, 'nothing in flight any more');
    assert.equal(q.next(W1)?.id, 1, 'back at the head, before task 4');
  });

  it('counts a result exactly once: duplicates and late results are ignored', () => {
    const q = new TaskQueue<T>();
    q.add(tasks(1, 2));
    q.next(W1);
    q.requeue(W1); // W1 thought dead…
    q.next(W2); // …so task 1 runs again on W2
    assert.ok(q.complete(W1, 1), 'the first result to arrive counts');
    assert.equal(q.complete(W2, 1), false, 'the duplicate from W2 does not');
    assert.equal(q.inFlightCount, 0, 'the duplicate still frees W2');
    assert.equal(q.complete(W1, 99), false, 'an unknown task');
  });

  it('drops a requeued copy still pending when the original result comes in late', () => {
    const q = new TaskQueue<T>();
    q.add(tasks(1, 2));
    q.next(W1);
    q.requeue(W1);
    assert.equal(q.pendingCount, 2);
    assert.ok(q.complete(W1, 1));
    assert.equal(q.pendingCount, 1);
    assert.equal(q.next(W2)?.id, 2, 'task 1 is not run again');
  });

  it('does not requeue a task whose result is already in', () => {
    const q = new TaskQueue<T>();
    q.add(tasks(1));
    q.next(W1);
    q.requeue(W1);
    q.next(W2);
    q.complete(W2, 1);
    assert.equal(q.requeue(W2), undefined);
    assert.equal(q.pendingCount, 0);
  });

  it('forgets finished tasks (bounded streams) and still ignores their late duplicates', () => {
    const q = new TaskQueue<T>();
    q.add(tasks(1, 2));
    q.next(W1);
    q.next(W2);
    q.forget(2);
    assert.equal(q.taskOf(2)?.id, 2, 'a task not done yet is kept');
    q.complete(W1, 1);
    q.forget(1);
    assert.equal(q.taskOf(1), undefined);
    assert.equal(q.complete(W1, 1), false);
    assert.ok(q.complete(W2, 2));
  });

  it('keeps FIFO order over many tasks with the head compacted', () => {
    const q = new TaskQueue<T>();
    q.add(tasks(...Array.from({ length: 5000 }, (_, i) => i)));
    const seen: number[] = [];
    let counted = 0;
    for (let i = 0; i < 5000; i++) {
      const t = q.next(W1);
      assert.ok(t);
      seen.push(t.id);
      if (i % 7 === 0) {
        q.requeue(W1);
        const again = q.next(W1);
        assert.equal(again?.id, t.id);
      }
      if (q.complete(W1, t.id)) counted++;
    }
    assert.deepEqual(
      seen,
      Array.from({ length: 5000 }, (_, i) => i),
    );
    assert.equal(counted, 5000);
    assert.equal(q.pendingCount, 0);
  });

  it('clearPending drops queued tasks only', () => {
    const q = new TaskQueue<T>();
    q.add(tasks(1, 2, 3));
    q.next(W1);
    q.clearPending();
    assert.equal(q.pendingCount, 0);
    assert.equal(q.next(W2), undefined);
    assert.equal(q.taskOf(2), undefined);
    assert.ok(q.complete(W1, 1), 'the task in flight is still counted');
  });
});
