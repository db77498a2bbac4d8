// The bridge between the pool manager's events and the store, with a pool that only emits.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import type { PoolEvents, TaskChild, WorkerExit } from '../../src/pool/pool-events.js';
import type { PoolPhase, PoolSnapshot } from '../../src/pool/pool-snapshot.js';
import { createAppStore } from '../../src/store/app-store.js';
import type { PoolControl } from '../../src/store/pool-actions.js';
import { connectPool } from '../../src/store/pool-bridge.js';
import type { SourceCapabilities } from '../../src/sampling/types.js';
import { info, sample } from '../model/fixtures.js';
import { FakePool } from '../ui/test-context.js';

class EmittingPool extends EventEmitter<PoolEvents> implements PoolControl {
  private readonly fake = new FakePool();
  constructor() {
    super();
    this.fake.state = 'running';
  }
  get state(): PoolPhase {
    return this.fake.state;
  }
  set state(phase: PoolPhase) {
    this.fake.state = phase;
  }
  start = (n: number) => this.fake.start(n);
  addWorker = () => this.fake.addWorker();
  removeWorker = () => this.fake.removeWorker();
  pauseAll = () => this.fake.pauseAll();
  resumeAll = () => this.fake.resumeAll();
  stop = () => this.fake.stop();
  kill = () => this.fake.kill();
  setWorkload = () => {};
  startStream = () => {};
  snapshot = (): PoolSnapshot => this.fake.snapshot();
}

const POOLTOP = 4242;
const WORKER = 4250;
const CHILD = 4300;

const child = (fields: Partial<TaskChild> = {}): TaskChild => ({
  pid: CHILD,
  startTime: 1_000_000 + CHILD,
  startTicks: 0,
  command: 'sleep 8',
  workerIndex: 1,
  workerPid: WORKER,
  taskId: 7,
  since: 0,
  diesWithWorker: false,
  orphaned: false,
  ppid: WORKER,
  ...fields,
});

/** pooltop, its worker and the worker's child; without the worker, the child re-parented to PID 1. */
/** What procfs and ps-list declare of their start times: to the tick, and whole seconds. */
const CAPABILITIES: Record<'procfs' | 'ps-list', SourceCapabilities> = {
  procfs: { startTimePrecisionMs: 0, cpuTime: true },
  'ps-list': { startTimePrecisionMs: 1000, cpuTime: false },
};

function tree(workerAlive: boolean, source: 'procfs' | 'ps-list' = 'procfs', childStart = 1_000_000 + CHILD) {
  return sample(
    [
      info(1, { ppid: 0, command: 'init' }),
      info(POOLTOP, { ppid: 1, command: 'node pooltop' }),
      ...(workerAlive ? [info(WORKER, { ppid: POOLTOP, command: 'pooltop-worker 1' })] : []),
      info(CHILD, { ppid: workerAlive ? WORKER : 1, command: 'sleep 8', startTime: childStart }),
    ],
    { source, capabilities: CAPABILITIES[source] },
  );
}

function setup() {
  const store = createAppStore({ sortKey: 'pid' });
  store.getState().setViewport(20);
  const pool = new EmittingPool();
  const bridge = connectPool(store, pool);
  const message = () => store.getState().message?.text ?? '';
  return { store, pool, bridge, message };
}

describe('pool bridge', () => {
  it('registers a family child with its worker as parent: re-parented, it is marked (orphan)', () => {
    const { store, pool } = setup();
    store.getState().applySample(tree(true));
    pool.emit('child-start', child());
    store.getState().applySample(tree(true));
    assert.deepEqual([...store.getState().orphans], []);
    store.getState().applySample(tree(false));
    assert.deepEqual([...store.getState().orphans], [CHILD]);
  });

  it('still marks it when a sample read before the child started arrives after its report', () => {
    const { store, pool } = setup();
    pool.emit('child-start', child());
    // Read from /proc a moment before the fork: no child in it. The store forgets the PID…
    store.getState().applySample(sample([info(1, { ppid: 0 }), info(POOLTOP), info(WORKER, { ppid: POOLTOP })]));
    store.getState().applySample(tree(true));
    store.getState().applySample(tree(false));
    // …and the bridge registered it again.
    assert.deepEqual([...store.getState().orphans], [CHILD]);
  });

  it('does not mark a later process that reuses the PID of a child that has exited', () => {
    const { store, pool } = setup();
    pool.emit('child-start', child());
    store.getState().applySample(tree(true));
    pool.emit('child-exit', { child: child(), code: 0, signal: null });
    store.getState().applySample(sample([info(1, { ppid: 0 }), info(POOLTOP)]));
    store.getState().applySample(tree(false, 'procfs', 2_000_000));
    assert.deepEqual([...store.getState().orphans], []);
  });

  it('matches by PID alone with a source whose start times have whole seconds', () => {
    const { store, pool } = setup();
    store.getState().applySample(tree(true, 'ps-list', 1_000_000));
    pool.emit('child-start', child({ startTime: 1_004_300.5 }));
    store.getState().applySample(tree(false, 'ps-list', 1_000_000));
    assert.deepEqual([...store.getState().orphans], [CHILD]);
  });

  it('says where the orphan went, with the worker’s exit, in one message, the orphan first', () => {
    const { pool, message } = setup();
    const exit: WorkerExit = {
      index: 1,
      pid: WORKER,
      code: null,
      signal: 'SIGKILL',
      requeued: { id: 7, workload: 'family', arg: 8000 },
      replacedBy: 3,
      expected: false,
      stderr: '',
      orphans: [child({ orphaned: true, ppid: 1 })],
    };
    pool.emit('worker-exit', exit);
    pool.emit('child-orphaned', { child: child({ orphaned: true, ppid: 1 }), withWorkerExit: true });
    assert.equal(
      message(),
      'worker 1 (PID 4250) was killed by SIGKILL; its child 4300 (sleep 8) was re-parented to PID 1: an orphan; ' +
        'its task went back to the head of the queue; worker 3 replaces it',
    );
  });

  it('says the child ended with its worker when its parent-death signal ended it', () => {
    const { pool, message } = setup();
    const exit: WorkerExit = {
      index: 1,
      pid: WORKER,
      code: null,
      signal: 'SIGKILL',
      requeued: { id: 7, workload: 'family', arg: 8000 },
      replacedBy: 3,
      expected: false,
      stderr: '',
      killedWith: [child({ diesWithWorker: true })],
    };
    pool.emit('worker-exit', exit);
    assert.equal(
      message(),
      'worker 1 (PID 4250) was killed by SIGKILL; its child 4300 (sleep 8) ended with it (parent-death signal); ' +
        'its task went back to the head of the queue; worker 3 replaces it',
    );
  });

  it('tells of an orphan found later on its own, a subreaper by its PID, commands made harmless', () => {
    const { pool, message } = setup();
    pool.emit('child-orphaned', { child: child({ orphaned: true, ppid: 900, command: 'sleep 8\u001b]0;pwned\u0007' }), withWorkerExit: false });
    assert.match(message(), /^worker 1 \(PID 4250\) is gone; its child 4300 \(sleep 8\^\[\]0;pwned\^G\) was re-parented to PID 900 \(a subreaper\)/);
    assert.doesNotMatch(message(), /\u001b/);
  });

  it('stops listening when disconnected', () => {
    const { store, pool, bridge } = setup();
    bridge.disconnect();
    assert.equal(pool.listenerCount('child-start') + pool.listenerCount('worker-exit') + pool.listenerCount('change'), 0);
    pool.emit('child-start', child());
    store.getState().applySample(tree(true));
    store.getState().applySample(tree(false));
    assert.deepEqual([...store.getState().orphans], []);
  });
});

describe('the pool snapshot in the store', () => {
  it('comes through the bridge on every change and on every refresh while a pool has run', async () => {
    const { store, pool, bridge } = setup();
    pool.state = 'idle';
    bridge.refresh();
    assert.equal(store.getState().pool, null, 'no pool yet: nothing to mirror');
    pool.emit('change');
    assert.equal(store.getState().pool?.summary.phase, 'idle');
    pool.state = 'running';
    const before = store.getState().pool;
    bridge.refresh();
    assert.notEqual(store.getState().pool, before, 'a fresh snapshot each refresh');
    assert.equal(store.getState().pool?.summary.phase, 'running');
  });

  it('puts the orphans into the store, a new set only when they change', () => {
    const { store, pool } = setup();
    store.getState().applySample(tree(true));
    pool.emit('child-start', child());
    const none = store.getState().orphans;
    store.getState().applySample(tree(true));
    assert.equal(store.getState().orphans, none, 'still none: the same set');
    store.getState().applySample(tree(false));
    const marked = store.getState().orphans;
    assert.deepEqual([...marked], [CHILD]);
    store.getState().applySample(tree(false));
    assert.equal(store.getState().orphans, marked, 'the same orphan: the same set, nothing to draw again');
  });
});

describe("the events of pooltop's processes", () => {
  it('logs each start with its PID, each exit with its status or signal and how long it lived, re-queues and orphans, in order', () => {
    const store = createAppStore();
    const pool = new EmittingPool();
    const bridge = connectPool(store, pool);
    pool.emit('worker-start', { index: 1, pid: WORKER, trap: false });
    pool.emit('child-start', child({ since: Date.now() }));
    pool.emit('child-orphaned', { child: child({ orphaned: true, ppid: 1 }), withWorkerExit: true });
    const exit: WorkerExit = {
      index: 1,
      pid: WORKER,
      code: null,
      signal: 'SIGKILL',
      requeued: { id: 7, workload: 'family', arg: 8000 },
      replacedBy: 2,
      expected: false,
      stderr: '',
      orphans: [child({ orphaned: true, ppid: 1 })],
    };
    pool.emit('worker-exit', exit);
    pool.emit('child-exit', { child: child({ orphaned: true, ppid: 1 }), code: null, signal: null });
    pool.emit('worker-exit', { ...exit, index: 2, pid: WORKER + 1, signal: null, code: 0, requeued: null, expected: true, orphans: [] });
    const texts = store.getState().events.map((e) => e.text.replace(/after \d+\.\d s/, 'after N s'));
    assert.deepEqual(texts, [
      `worker 1 started: PID ${WORKER}`,
      `worker 1's child started: PID ${CHILD} sleep 8`,
      `worker 1 (PID ${WORKER}) is gone; its child ${CHILD} (sleep 8) was re-parented to PID 1: an orphan`,
      `worker 1 (PID ${WORKER}) was killed by SIGKILL after N s`,
      'task 7 (family 8000) went back to the head of the queue',
      `child ${CHILD} (sleep 8) is gone after N s`,
      `worker 2 (PID ${WORKER + 1}) exited with status 0 (asked to)`,
    ]);
    assert.deepEqual(
      store.getState().events.map((e) => e.level),
      ['info', 'info', 'warn', 'warn', 'warn', 'info', 'info'],
    );
    const times = store.getState().events.map((e) => e.at);
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
      'in order, with times',
    );
    bridge.disconnect();
  });

  it('keeps the newest MAX_EVENTS and counts those dropped', async () => {
    const { MAX_EVENTS } = await import('../../src/store/events-slice.js');
    const store = createAppStore();
    for (let i = 0; i < MAX_EVENTS + 3; i++) store.getState().logEvent(`event ${i}`);
    assert.equal(store.getState().events.length, MAX_EVENTS);
    assert.equal(store.getState().events[0]?.text, 'event 3');
    assert.equal(store.getState().eventsDropped, 3);
  });
});
