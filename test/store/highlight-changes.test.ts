import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAppStore } from '../../src/store/app-store.js';
import { info, sample } from '../model/fixtures.js';

const T = 1_700_000_000_000;

describe('highlighting new and exited processes in the store', () => {
  it('is off unless asked', () => {
    const st = createAppStore();
    st.getState().applySample(sample([info(1, { startTime: T })], { time: T }));
    st.getState().applySample(sample([], { time: T + 1000 }));
    assert.equal(st.getState().changes.size, 0);
    assert.equal(st.getState().rows.length, 0);
  });

  it('marks a process that just started, keeps an exited one one refresh, then drops it', () => {
    const st = createAppStore({ sortKey: 'pid', highlightMs: 5000 });
    const old = info(1, { startTime: T - 60_000 });
    const fresh = info(2, { startTime: T - 500 });
    st.getState().applySample(sample([old, fresh], { time: T }));
    assert.deepEqual([...st.getState().changes], [[2, 'new']]);
    st.getState().applySample(sample([old], { time: T + 1000 }));
    assert.deepEqual(
      st.getState().visible.map((r) => r.pid),
      [1, 2],
    );
    assert.deepEqual([...st.getState().changes], [[2, 'gone']]);
    st.getState().applySample(sample([old], { time: T + 2000 }));
    assert.deepEqual(
      st.getState().visible.map((r) => r.pid),
      [1],
    );
    assert.equal(st.getState().changes.size, 0);
  });
});
