import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAppStore } from '../../src/store/app-store.js';
import { SCROLL_STEP } from '../../src/store/view-slice.js';
import { info, sample } from '../model/fixtures.js';

const LONG = `node --max-semi-space-size=2 --single-threaded-gc ${'x'.repeat(60)}`;

function store() {
  const st = createAppStore({ sortKey: 'pid' });
  st.getState().setViewport(5);
  st.getState().setCommandWidth(30);
  st.getState().applySample(
    sample([
      info(1, { command: 'short' }),
      info(2, { command: LONG }),
      ...Array.from({ length: 10 }, (_, i) => info(10 + i, { command: `a ${'y'.repeat(200)}` })),
    ]),
  );
  return st;
}

describe('scrolling the command column (← → Ctrl-A Ctrl-E)', () => {
  it("moves by htop's step, never left of the start", () => {
    const st = store();
    st.getState().scrollSideways(-SCROLL_STEP);
    assert.equal(st.getState().view.scrollX, 0);
    st.getState().scrollSideways(SCROLL_STEP);
    st.getState().scrollSideways(SCROLL_STEP);
    assert.equal(st.getState().view.scrollX, 2 * SCROLL_STEP);
    st.getState().scrollSideways(-SCROLL_STEP);
    assert.equal(st.getState().view.scrollX, SCROLL_STEP);
  });

  it('goes right no further than the longest command on the page needs', () => {
    const st = store();
    // The page is PIDs 1, 2, 10, 11, 12: the 202-cell commands of 10-12 are the longest.
    for (let i = 0; i < 100; i++) st.getState().scrollSideways(SCROLL_STEP);
    assert.equal(st.getState().view.scrollX, 202 - 30);
  });

  it("Ctrl-E shows the end of the selected row's command, Ctrl-A the start", () => {
    const st = store();
    st.getState().selectPid(2);
    st.getState().scrollToLineEdge('end');
    assert.equal(st.getState().view.scrollX, LONG.length - 30);
    st.getState().scrollToLineEdge('start');
    assert.equal(st.getState().view.scrollX, 0);
    st.getState().selectPid(1);
    st.getState().scrollToLineEdge('end');
    assert.equal(st.getState().view.scrollX, 0, 'a command that fits needs no scroll');
  });
});
