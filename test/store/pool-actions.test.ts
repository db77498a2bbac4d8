import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAppStore } from '../../src/store/app-store.js';
import { POOL_MENU, WORKLOAD_CHOICES, defaultPoolSize, describeChoice, runPoolEntry, type PoolMenuEntry } from '../../src/store/pool-actions.js';
import { FakePool } from '../ui/test-context.js';

function setup() {
  const store = createAppStore();
  const pool = new FakePool();
  // The plan the menu changes lives in the store.
  const plan = () => store.getState().poolPlan;
  const entry = (kind: PoolMenuEntry['kind']) => POOL_MENU.find((e) => e.kind === kind)!;
  const message = () => store.getState().message?.text ?? '';
  return { store, pool, plan, entry, message };
}

describe('pool menu actions', () => {
  it('offers every action of the issue: start, add, remove, pause, resume, stop, kill, trap, workloads', () => {
    assert.deepEqual([...new Set(POOL_MENU.map((e) => e.kind))], ['start', 'add', 'remove', 'pause', 'resume', 'stop', 'kill', 'trap', 'workload']);
    assert.deepEqual(
      POOL_MENU.flatMap((e) => (e.kind === 'workload' ? [describeChoice(e.choice)] : [])),
      [
        'primes (naive)',
        'primes (√p)',
        'sum of squares',
        'sleep',
        'family (worker → child)',
        'threads (shared counter, unsynchronised)',
        'threads (shared counter, Atomics)',
        'deadlock (two threads, two locks)',
        'semaphore (6 threads, 2 permits)',
        'pipeline (writer → pipe → slow reader)',
        'zombie (worker → child → unreaped zombie)',
      ],
    );
  });

  it('offers the family workload for the orphan exercise: a task is a worker and its child', async () => {
    const { store, pool, plan, message } = setup();
    const family = WORKLOAD_CHOICES.find((c) => c.choice.workload === 'family')!;
    assert.match(family.label, /^family: each task starts a child process and waits for it/);
    // The side panel is 58 cells wide and shows the label as its title.
    assert.ok(family.label.length <= 58, family.label);
    await runPoolEntry(store, pool, { kind: 'workload', choice: family.choice, label: family.label });
    assert.deepEqual(plan().workload, { workload: 'family' });
    assert.match(message(), /workload: family \(worker → child\)/);
  });

  it('starts a pool of one worker per core on the chosen workload', async () => {
    const { store, pool, entry, message } = setup();
    await runPoolEntry(store, pool, entry('start'));
    assert.deepEqual(pool.calls, [`start ${defaultPoolSize()}`]);
    assert.match(message(), /pool started: \d+ workers on primes \(naive\)/);
    await runPoolEntry(store, pool, entry('start'));
    assert.match(message(), /already running/);
  });

  it('says so when there is no pool to act on', async () => {
    const { store, pool, entry, message } = setup();
    for (const kind of ['add', 'remove', 'pause', 'resume', 'stop', 'kill'] as const) {
      await runPoolEntry(store, pool, entry(kind));
      assert.match(message(), /no pool running/, kind);
    }
    assert.deepEqual(pool.calls, []);
  });

  it('drives a running pool', async () => {
    const { store, pool, entry, message } = setup();
    pool.state = 'running';
    await runPoolEntry(store, pool, entry('pause'));
    assert.match(message(), /paused 2 workers \(SIGSTOP\)/);
    await runPoolEntry(store, pool, entry('resume'));
    assert.match(message(), /resumed 2 workers \(SIGCONT\)/);
    await runPoolEntry(store, pool, entry('add'));
    await runPoolEntry(store, pool, entry('remove'));
    await runPoolEntry(store, pool, entry('kill'));
    assert.deepEqual(pool.calls, ['pause', 'resume', 'add', 'remove', 'kill']);
    assert.match(message(), /SIGKILL to every worker/);
  });

  it('says why a worker could not be added, in the pool’s words', async () => {
    const { store, pool, entry, message } = setup();
    pool.state = 'running';
    pool.addWorker = () => Promise.reject(new Error('pooltop has as many files open as its limit allows (ulimit -n) (EMFILE)'));
    await runPoolEntry(store, pool, entry('add'));
    assert.equal(message(), 'could not add a worker: pooltop has as many files open as its limit allows (ulimit -n) (EMFILE)');
  });

  it('chooses the workload, also for a pool that runs', async () => {
    const { store, pool, plan, message } = setup();
    const sumsq = POOL_MENU.find((e) => e.kind === 'workload' && e.choice.workload === 'sumsq')!;
    await runPoolEntry(store, pool, sumsq);
    assert.deepEqual(plan().workload, { workload: 'sumsq' });
    assert.deepEqual(pool.calls, []);
    pool.state = 'running';
    const sleep = POOL_MENU.find((e) => e.kind === 'workload' && e.choice.workload === 'sleep')!;
    await runPoolEntry(store, pool, sleep);
    assert.deepEqual(pool.calls, ['workload sleep']);
    assert.match(message(), /workload: sleep \(from the next task on\)/);
  });

  it('toggles trapping SIGTERM/SIGINT for new workers', async () => {
    const { store, pool, plan, entry, message } = setup();
    await runPoolEntry(store, pool, entry('trap'));
    assert.equal(plan().trap, true);
    assert.match(message(), /catch and ignore SIGTERM and SIGINT/);
    await runPoolEntry(store, pool, entry('trap'));
    assert.equal(plan().trap, false);
  });
});
