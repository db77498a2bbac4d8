import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAppStore } from '../../src/store/app-store.js';
import { selectedRow } from '../../src/store/navigation-slice.js';
import { info, sample } from '../model/fixtures.js';

const visiblePids = (store: ReturnType<typeof createAppStore>): number[] => store.getState().visible.map((r) => r.pid);

function storeWith(...processes: Parameters<typeof sample>[0][]) {
  const store = createAppStore();
  store.getState().setViewport(10);
  for (const [i, p] of processes.entries()) store.getState().applySample(sample(p, { monotonic: i * 1000 }));
  return store;
}

describe('app store', () => {
  it('derives CPU% between samples and sorts by it', () => {
    const store = storeWith(
      [info(1, { cpuTime: 0 }), info(2, { cpuTime: 0 }), info(3, { cpuTime: 0 })],
      [info(1, { cpuTime: 0.1 }), info(2, { cpuTime: 0.9 }), info(3, { cpuTime: 0.5 })],
    );
    assert.deepEqual(visiblePids(store), [2, 3, 1]);
    assert.equal(Math.round(store.getState().visible[0]!.cpu), 90);
  });

  it('keeps the selection on the same process when the order changes', () => {
    const store = storeWith([info(1), info(2), info(3)]);
    store.getState().setSort('pid', false);
    store.getState().moveTo(1);
    assert.equal(store.getState().cursor.pid, 2);
    // Next sample: PID 2 becomes the busiest and moves to the top under a CPU sort.
    store.getState().setSort('cpu', false);
    store.getState().applySample(sample([info(1), info(2, { cpuTime: 5 }), info(3)], { monotonic: 5000 }));
    assert.equal(visiblePids(store)[0], 2);
    assert.equal(store.getState().cursor.pid, 2);
    assert.equal(store.getState().cursor.index, 0);
    assert.equal(selectedRow(store.getState())?.pid, 2);
  });

  it('moves to the nearest row with a message when the selected process exits', () => {
    const store = storeWith([info(1), info(2), info(3)]);
    store.getState().setSort('pid', false);
    store.getState().moveTo(1);
    store.getState().applySample(sample([info(1), info(3)], { monotonic: 1000 }));
    assert.equal(store.getState().cursor.pid, 3);
    assert.match(store.getState().message?.text ?? '', /PID 2 exited; selection moved to PID 3/);
  });

  it('keeps a fresh warning (a worker died, its child orphaned) and adds the move to it; an info note gives way', () => {
    const store = storeWith([info(1), info(2), info(3)]);
    store.getState().setSort('pid', false);
    store.getState().moveTo(1);
    store.getState().notify('worker 1 (PID 2) was killed by SIGKILL; its child 9 (sleep 8) was re-parented to PID 1: an orphan', 'warn');
    store.getState().applySample(sample([info(1), info(3)], { monotonic: 1000 }));
    assert.equal(
      store.getState().message?.text,
      'worker 1 (PID 2) was killed by SIGKILL; its child 9 (sleep 8) was re-parented to PID 1: an orphan; PID 2 exited; selection moved to PID 3',
    );
    store.getState().notify('2 tagged', 'info');
    store.getState().applySample(sample([info(1)], { monotonic: 2000 }));
    assert.equal(store.getState().message?.text, 'PID 3 exited; selection moved to PID 1');
  });

  it('searches incrementally, moves with next/previous, and Esc goes back', () => {
    const store = storeWith([info(1, { command: 'init' }), info(2, { command: 'sleep 5' }), info(3, { command: 'bash' }), info(4, { command: 'sleep 9' })]);
    store.getState().setSort('pid', false);
    store.getState().beginSearch();
    store.getState().typeSearch('s');
    assert.equal(store.getState().cursor.pid, 2);
    store.getState().typeSearch('sl');
    assert.equal(store.getState().cursor.pid, 2);
    store.getState().commitSearch();
    store.getState().searchNext(1);
    assert.equal(store.getState().cursor.pid, 4);
    store.getState().searchNext(1);
    assert.equal(store.getState().cursor.pid, 2);
    store.getState().searchNext(-1);
    assert.equal(store.getState().cursor.pid, 4);

    store.getState().moveTo(0);
    store.getState().beginSearch();
    store.getState().typeSearch('bash');
    assert.equal(store.getState().cursor.pid, 3);
    store.getState().cancelSearch();
    assert.equal(store.getState().cursor.pid, 1);
    assert.equal(store.getState().mode, 'main');
  });

  it('reports a search without a match', () => {
    const store = storeWith([info(1, { command: 'init' })]);
    store.getState().beginSearch();
    store.getState().typeSearch('zzz');
    assert.match(store.getState().message?.text ?? '', /no process matches "zzz"/);
  });

  it('filters by text live; Esc clears the filter', () => {
    const store = storeWith([info(1, { command: 'init' }), info(2, { command: 'node a' }), info(3, { command: 'node b' })]);
    store.getState().beginFilter();
    store.getState().typeFilter('node');
    assert.deepEqual(visiblePids(store).sort(), [2, 3]);
    store.getState().cancelFilter();
    assert.equal(visiblePids(store).length, 3);
    store.getState().beginFilter();
    store.getState().typeFilter('init');
    store.getState().commitFilter();
    assert.deepEqual(visiblePids(store), [1]);
  });

  it('filters by user', () => {
    const store = storeWith([info(1, { user: 'root' }), info(2, { user: 'ann' })]);
    store.getState().setUserFilter('ann');
    assert.deepEqual(visiblePids(store), [2]);
    store.getState().setUserFilter(null);
    assert.equal(visiblePids(store).length, 2);
  });

  it('starts from command-line options', () => {
    const store = createAppStore({ sortKey: 'pid', pids: [3, 1] });
    store.getState().applySample(sample([info(1), info(2), info(3)]));
    assert.deepEqual(visiblePids(store), [1, 3]);
  });

  it('measures CPU% since the base sample it is given, by default the one on screen', () => {
    const store = storeWith([info(1, { cpuTime: 0 })]);
    const earlier = store.getState().sample!;
    store.getState().applySample(sample([info(1, { cpuTime: 0.5 })], { monotonic: 1000 }));
    assert.equal(Math.round(store.getState().rows[0]!.cpu), 50);
    store.getState().applySample(sample([info(1, { cpuTime: 1 })], { monotonic: 2000 }), earlier);
    assert.equal(Math.round(store.getState().rows[0]!.cpu), 50, 'one second of CPU over two');
  });

  it('inverts and cycles the sort', () => {
    const store = storeWith([info(1), info(2)]);
    store.getState().setSort('pid', false);
    assert.deepEqual(visiblePids(store), [1, 2]);
    store.getState().invertSort();
    assert.deepEqual(visiblePids(store), [2, 1]);
    store.getState().cycleSort(1);
    assert.equal(store.getState().view.sort.key, 'ppid');
  });

  it('follow ends on a movement key', () => {
    const store = storeWith([info(1), info(2)]);
    store.getState().toggleFollow();
    assert.equal(store.getState().follow, true);
    store.getState().moveBy(1);
    assert.equal(store.getState().follow, false);
  });

  it('expires old messages', () => {
    const store = createAppStore();
    store.getState().notify('hello');
    store.getState().expireMessage(Date.now() + 1000);
    assert.equal(store.getState().message?.text, 'hello');
    store.getState().expireMessage(Date.now() + 60_000);
    assert.equal(store.getState().message, null);
  });
});
