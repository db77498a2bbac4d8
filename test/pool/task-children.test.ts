// The pool's ledger of family tasks' children, against a fake /proc and a recording signaller.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startTimeFromTicks } from '../../src/platform/start-time.js';
import type { SignalOutcome, SignalTarget } from '../../src/signals/signal-outcome.js';
import type { ChildStat } from '../../src/platform/process-stat.js';
import { TaskChildren, type ChildReport } from '../../src/pool/task-children.js';

const WORKER = 5000;
const CHILD = 5100;

function setup(initial: Record<number, ChildStat>) {
  const proc = new Map<number, ChildStat>(Object.entries(initial).map(([pid, stat]) => [Number(pid), stat]));
  const sent: { target: SignalTarget; signal: string }[] = [];
  const signaller = (target: SignalTarget, signal: NodeJS.Signals): SignalOutcome => {
    sent.push({ target, signal });
    return { pid: target.pid, signal, status: 'sent', text: 'sent', identityCheck: 'exact' };
  };
  const children = new TaskChildren(
    (pid) => proc.get(pid) ?? null,
    signaller,
    () => 42,
  );
  return { proc, sent, children };
}

const report = (fields: Partial<ChildReport> = {}): ChildReport => ({
  pid: CHILD,
  startTicks: 700,
  command: 'sleep 8',
  workerIndex: 1,
  workerPid: WORKER,
  taskId: 3,
  diesWithWorker: false,
  ...fields,
});

describe('TaskChildren', () => {
  it('remembers a child once /proc confirms its start time and its worker as parent', () => {
    const { children } = setup({ [WORKER]: { ppid: 1, startTicks: 600, state: 'S' }, [CHILD]: { ppid: WORKER, startTicks: 700, state: 'S' } });
    const child = children.add(report(), false);
    assert.ok(child);
    assert.equal(child.startTime, startTimeFromTicks(700), "the sampler's start time, as rows and sendSignal compare it");
    assert.equal(child.since, 42);
    assert.equal(child.orphaned, false);
    assert.deepEqual(children.ofWorker(WORKER)?.pid, CHILD);
  });

  it('refuses a report that /proc does not bear out', () => {
    const { children } = setup({ [WORKER]: { ppid: 1, startTicks: 600, state: 'S' }, [CHILD]: { ppid: 77, startTicks: 700, state: 'S' } });
    assert.equal(children.add(report({ startTicks: 701 }), false), null, 'another process under that PID');
    assert.equal(children.add(report(), false), null, 'not the live worker’s child');
    assert.equal(children.add(report({ pid: 9999 }), false), null, 'gone already');
    assert.equal(children.add(report({ startTicks: null }), false), null, 'no /proc: nothing can be confirmed');
    for (const pid of [0, 1, -1, process.pid, 1.5]) assert.equal(children.add(report({ pid }), false), null, String(pid));
    assert.equal(children.size, 0);
  });

  it('takes a child re-parented already when its worker died after reporting it', () => {
    const { proc, children } = setup({ [WORKER]: { ppid: 1, startTicks: 600, state: 'Z' }, [CHILD]: { ppid: 1, startTicks: 700, state: 'S' } });
    assert.ok(children.add(report(), false), 'worker a zombie, exit not yet reaped');
    proc.delete(WORKER);
    const again = setup({ [CHILD]: { ppid: 1, startTicks: 700, state: 'S' } });
    assert.ok(again.children.add(report(), true), 'worker reaped');
    assert.deepEqual(
      again.children.sweep().orphaned.map((c) => c.ppid),
      [1],
    );
  });

  it('sweep reports a re-parented child once, and a child gone, zombie or replaced', () => {
    const { proc, children } = setup({ [WORKER]: { ppid: 1, startTicks: 600, state: 'S' }, [CHILD]: { ppid: WORKER, startTicks: 700, state: 'S' } });
    children.add(report(), false);
    assert.deepEqual(children.sweep(), { orphaned: [], gone: [], killedWithWorker: [] });
    proc.delete(WORKER);
    proc.set(CHILD, { ppid: 1, startTicks: 700, state: 'S' });
    const first = children.sweep();
    assert.deepEqual(
      first.orphaned.map((c) => [c.pid, c.ppid, c.orphaned]),
      [[CHILD, 1, true]],
    );
    assert.deepEqual(children.sweep().orphaned, [], 'told once');
    assert.equal(children.ofWorker(WORKER), null, 'no longer its worker’s');
    proc.set(CHILD, { ppid: 1, startTicks: 700, state: 'Z' });
    assert.deepEqual(
      children.sweep().gone.map((c) => c.pid),
      [CHILD],
    );
    assert.equal(children.size, 0);

    proc.set(CHILD, { ppid: WORKER, startTicks: 700, state: 'S' });
    proc.set(WORKER, { ppid: 1, startTicks: 600, state: 'S' });
    children.add(report(), false);
    proc.set(CHILD, { ppid: 1, startTicks: 900, state: 'S' });
    assert.deepEqual(
      children.sweep().gone.map((c) => c.pid),
      [CHILD],
      'its PID now names another process',
    );
  });

  it('sweep leaves the exit of a child whose worker lives to that worker, which knows its status', () => {
    const { proc, children } = setup({ [WORKER]: { ppid: 1, startTicks: 600, state: 'S' }, [CHILD]: { ppid: WORKER, startTicks: 700, state: 'S' } });
    children.add(report(), false);
    const workerLives = (): boolean => true;
    proc.set(CHILD, { ppid: WORKER, startTicks: 700, state: 'Z' });
    assert.deepEqual(children.sweep(workerLives).gone, [], 'a zombie its worker has yet to reap');
    proc.delete(CHILD);
    assert.deepEqual(children.sweep(workerLives).gone, [], 'reaped, the report on its way');
    assert.equal(children.size, 1);
    assert.deepEqual(
      children.sweep(() => false).gone.map((c) => c.pid),
      [CHILD],
      'its worker died without telling',
    );
  });

  it('sweep counts a child with a parent-death signal as killed once its worker is gone, never as an orphan', () => {
    const { proc, children } = setup({ [WORKER]: { ppid: 1, startTicks: 600, state: 'S' }, [CHILD]: { ppid: WORKER, startTicks: 700, state: 'S' } });
    children.add(report({ diesWithWorker: true }), false);
    proc.delete(WORKER);
    // The kernel re-parents it and sends the signal in one step; it may not have died yet.
    proc.set(CHILD, { ppid: 1, startTicks: 700, state: 'S' });
    const sweep = children.sweep(() => false);
    assert.deepEqual(
      sweep.killedWithWorker.map((c) => c.pid),
      [CHILD],
    );
    assert.deepEqual(sweep.orphaned, []);
    assert.equal(children.size, 0);
    children.add(report({ diesWithWorker: true, workerPid: 77 }), true);
    proc.delete(CHILD);
    assert.deepEqual(
      children.sweep(() => false).killedWithWorker.map((c) => c.pid),
      [CHILD],
      'ended already when the pool looks',
    );
  });

  it('end forgets a child its worker waited for, and only that worker’s', () => {
    const { children } = setup({ [WORKER]: { ppid: 1, startTicks: 600, state: 'S' }, [CHILD]: { ppid: WORKER, startTicks: 700, state: 'S' } });
    children.add(report(), false);
    assert.equal(children.end(CHILD, 4), null);
    assert.equal(children.end(CHILD, WORKER)?.pid, CHILD);
    assert.equal(children.size, 0);
  });

  it('signalAll signals each live child by PID and exact start time, never a bare PID, and skips ended ones', () => {
    const other = CHILD + 1;
    const { proc, sent, children } = setup({
      [WORKER]: { ppid: 1, startTicks: 600, state: 'S' },
      [CHILD]: { ppid: WORKER, startTicks: 700, state: 'S' },
      [other]: { ppid: WORKER, startTicks: 710, state: 'S' },
    });
    children.add(report(), false);
    children.add(report({ pid: other, startTicks: 710 }), false);
    proc.set(other, { ppid: WORKER, startTicks: 710, state: 'Z' });
    children.signalAll('SIGKILL');
    assert.deepEqual(sent, [{ target: { pid: CHILD, startTime: startTimeFromTicks(700), exactStartTime: true, command: 'sleep 8' }, signal: 'SIGKILL' }]);
  });
});
