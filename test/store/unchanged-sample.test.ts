import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAppStore } from '../../src/store/app-store.js';
import { info, sample } from '../model/fixtures.js';

/** A table of idle processes, and the same process objects a second later (as the procfs sampler gives them). */
function idleSamples() {
  const processes = [info(1, { ppid: 0 }), info(20, { cpuTime: 3 }), info(21, { ppid: 20 }), info(30, { command: 'editor' })];
  return [sample(processes, { monotonic: 0 }), sample(processes, { monotonic: 1000, time: 1_700_000_001_000 }), sample([...processes], { monotonic: 2000 })];
}

describe('a sample in which no process changed', () => {
  for (const tree of [false, true]) {
    it(`keeps the rows, the rows on screen, their decorations and the cursor as they were (${tree ? 'tree' : 'sorted'} view)`, () => {
      const store = createAppStore({ tree });
      store.getState().setViewport(10);
      const [first, second, third] = idleSamples();
      store.getState().applySample(first!);
      store.getState().applySample(second!);
      const before = store.getState();
      store.getState().applySample(third!);
      const after = store.getState();
      assert.notEqual(after.sample, before.sample, 'the sample itself is the new one');
      assert.equal(after.rows, before.rows);
      assert.equal(after.visible, before.visible);
      assert.equal(after.decorations, before.decorations);
      assert.equal(after.cursor, before.cursor);
      assert.deepEqual(
        after.visible.map((r) => r.pid),
        tree ? [1, 20, 21, 30] : before.visible.map((r) => r.pid),
      );
    });
  }

  it('still gives new rows when a process changed, and keeps the unchanged ones', () => {
    const store = createAppStore({ sortKey: 'cpu' });
    store.getState().setViewport(10);
    const [first, second] = idleSamples();
    store.getState().applySample(first!);
    store.getState().applySample(second!);
    const before = store.getState();
    const busy = second!.processes.map((p) => (p.pid === 30 ? { ...p, cpuTime: p.cpuTime + 0.5 } : p));
    store.getState().applySample(sample(busy, { monotonic: 2000 }));
    const after = store.getState();
    assert.notEqual(after.rows, before.rows);
    assert.notEqual(after.visible, before.visible);
    assert.equal(after.visible[0]?.pid, 30, 'the busy process sorts first');
    assert.equal(
      after.rows.find((r) => r.pid === 20),
      before.rows.find((r) => r.pid === 20),
      'an unchanged process keeps its row',
    );
  });
});
