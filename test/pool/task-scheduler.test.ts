// The scheduler alone: workers are only indexes and results are reports, so no process is started.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TaskResult, TaskSpec } from '../../src/pool/task.js';
import { MAX_CRASHES_PER_TASK, TaskScheduler, type TaskReport } from '../../src/pool/task-scheduler.js';

const W1 = 1;
const W2 = 2;
const sleeps = (n: number): TaskSpec[] => Array.from({ length: n }, (_, i) => ({ workload: 'sleep' as const, arg: i }));
const report = (pid: number, value: number | string = 0): TaskReport => ({ value, error: null, pid, cpuMs: 1, wallMs: 2 });

function setup() {
  const recorded: TaskResult[] = [];
  const scheduler = new TaskScheduler(
    (result) => recorded.push(result),
    () => 1234,
  );
  scheduler.reset(1000);
  return { scheduler, recorded };
}

describe('TaskScheduler', () => {
  it('validates every spec before queueing any: RangeError naming the task, nothing queued', async () => {
    const { scheduler } = setup();
    assert.throws(
      () =>
        scheduler.submit([
          { workload: 'sleep', arg: 1 },
          { workload: 'primes', arg: 1 },
        ]),
      {
        name: 'RangeError',
        message: /^task 1: primes needs an integer argument from 2/,
      },
    );
    assert.throws(() => scheduler.submit([{ workload: 'nope' as 'sleep', arg: 1 }]), /task 0: unknown workload "nope"/);
    assert.throws(() => scheduler.submit([{ workload: 'sumsq', arg: 5, method: 'sqrt' }]), /does not apply to sumsq/);
    assert.equal(scheduler.pending, 0);
    assert.deepEqual(await scheduler.submit([]), []);
  });

  it('hands out tasks one per free worker; the batch resolves in submission order, results are heard as they arrive', async () => {
    const { scheduler, recorded } = setup();
    const heard: number[] = [];
    const batch = scheduler.submit(sleeps(3), (result) => heard.push(result.taskId));
    const [a, b] = [scheduler.next(W1)!, scheduler.next(W2)!];
    assert.equal(scheduler.next(W1), undefined, 'a busy worker gets no second task');
    assert.deepEqual([scheduler.pending, scheduler.inFlight], [1, 2]);
    scheduler.complete(W2, b.id, report(200, 'b'));
    const c = scheduler.next(W2)!;
    scheduler.complete(W2, c.id, report(200, 'c'));
    scheduler.complete(W1, a.id, report(100, 'a'));
    const results = await batch;
    assert.deepEqual(
      results.map((r) => r.value),
      ['a', 'b', 'c'],
      'submission order',
    );
    assert.deepEqual(heard, [b.id, c.id, a.id], 'arrival order');
    assert.deepEqual(
      recorded.map((r) => r.taskId),
      heard,
      'recorded before the batch hears it, once each',
    );
    assert.deepEqual(results[0], {
      taskId: a.id,
      workload: 'sleep',
      arg: 0,
      value: 'a',
      error: null,
      pid: 100,
      workerIndex: W1,
      cpuMs: 1,
      wallMs: 2,
      finishedAt: 1234,
    });
    assert.ok(Object.isFrozen(results[0]) && Object.isFrozen(a), 'tasks and results are read-only');
  });

  it("puts a lost worker's task back at the head, and counts its result once however many copies report", async () => {
    const { scheduler, recorded } = setup();
    const batch = scheduler.submit(sleeps(2));
    const first = scheduler.next(W1)!;
    assert.equal(scheduler.requeue(W1)?.id, first.id);
    assert.equal(scheduler.requeue(W1), null, 'nothing in flight any more');
    assert.equal(scheduler.next(W2)?.id, first.id, 'the requeued task runs next');
    // The worker thought lost reports after all; then the re-run reports too.
    scheduler.complete(W1, first.id, report(100, 'late'));
    scheduler.complete(W2, first.id, report(200, 'again'));
    assert.deepEqual(
      recorded.map((r) => r.value),
      ['late'],
    );
    assert.equal(scheduler.inFlight, 0, 'the duplicate still frees its worker');
    const second = scheduler.next(W2)!;
    scheduler.complete(W2, second.id, report(200));
    assert.deepEqual(
      (await batch).map((r) => r.pid),
      [100, 200],
    );
  });

  it(`fails a task that crashed its worker ${MAX_CRASHES_PER_TASK} times instead of running it again`, async () => {
    const { scheduler } = setup();
    const batch = scheduler.submit(sleeps(1));
    for (let crash = 1; crash <= MAX_CRASHES_PER_TASK; crash++) {
      const task = scheduler.next(W1);
      assert.ok(task, `try ${crash} is handed out`);
      scheduler.countCrash(scheduler.requeue(W1)!);
    }
    assert.equal(scheduler.next(W1), undefined, 'no fourth try');
    const [result] = await batch;
    assert.deepEqual([result?.value, result?.error, result?.pid, result?.workerIndex], [null, 'its worker crashed 3 times running it', 0, 0]);
  });

  it('streams tasks of the chosen workload when the queue is empty, queued tasks first', () => {
    const { scheduler } = setup();
    assert.equal(scheduler.workload, null);
    assert.equal(scheduler.next(W1), undefined, 'no stream, nothing queued: no task');
    scheduler.setWorkload({ workload: 'sleep' });
    scheduler.startStream();
    assert.deepEqual(scheduler.workload, { workload: 'sleep' });
    void scheduler.submit([{ workload: 'primes', arg: 7 }]);
    assert.equal(scheduler.next(W1)?.workload, 'primes');
    const streamed = scheduler.next(W2);
    assert.deepEqual([streamed?.workload, streamed?.arg], ['sleep', 1000], 'a sleep of about the target');
    scheduler.setWorkload({ workload: 'primes' });
    assert.deepEqual(scheduler.workload, { workload: 'primes', method: 'naive' }, 'the seed’s method unless told');
    scheduler.stopStream();
    assert.equal(scheduler.workload, null);
    assert.equal(scheduler.next(3), undefined);
  });

  it('refuses a workload it cannot run, keeping the one it had', () => {
    const { scheduler } = setup();
    scheduler.setWorkload({ workload: 'sumsq' });
    assert.throws(() => scheduler.setWorkload({ workload: 'nope' as 'sleep' }), { name: 'RangeError', message: 'unknown workload "nope"' });
    assert.throws(() => scheduler.setWorkload({ workload: 'sleep', method: 'sqrt' }), /method "sqrt" does not apply to sleep/);
    scheduler.startStream();
    assert.deepEqual(scheduler.workload, { workload: 'sumsq' });
  });

  it('abandon drops the queue and rejects every unfinished batch; a result still in flight is still counted', async () => {
    const { scheduler, recorded } = setup();
    const batch = scheduler.submit(sleeps(3));
    const running = scheduler.next(W1)!;
    scheduler.abandon(new Error('the pool was stopped'));
    await assert.rejects(batch, /the pool was stopped/);
    assert.deepEqual([scheduler.pending, scheduler.inFlight], [0, 1]);
    scheduler.complete(W1, running.id, report(100));
    assert.equal(recorded.length, 1);
    assert.equal(scheduler.next(W1), undefined);
  });

  it('starts a new run empty, with task ids that keep increasing', () => {
    const { scheduler } = setup();
    void scheduler.submit(sleeps(2));
    const before = scheduler.next(W1)!;
    scheduler.startStream();
    scheduler.reset(1000);
    assert.deepEqual([scheduler.pending, scheduler.inFlight, scheduler.workload], [0, 0, null]);
    void scheduler.submit(sleeps(1));
    assert.ok(scheduler.next(W1)!.id > before.id + 1);
  });
});
