import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cursorAt, placeCursor } from '../../src/store/place-cursor.js';

describe('placeCursor', () => {
  it('stays on its PID when the rows move', () => {
    const placed = placeCursor([5, 9, 7, 3], { pid: 7, index: 0, scrollTop: 0 }, 10, false);
    assert.deepEqual(placed, { cursor: { pid: 7, index: 2, scrollTop: 0 }, moved: false });
  });

  it('takes the row at the old index when its PID is gone', () => {
    const placed = placeCursor([5, 9, 3], { pid: 7, index: 2, scrollTop: 0 }, 10, false);
    assert.deepEqual(placed, { cursor: { pid: 3, index: 2, scrollTop: 0 }, moved: true });
    const last = placeCursor([5, 9], { pid: 7, index: 5, scrollTop: 0 }, 10, false);
    assert.equal(last.cursor.pid, 9);
  });

  it('scrolls just enough to keep the row visible', () => {
    const pids = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(placeCursor(pids, { pid: 50, index: 0, scrollTop: 0 }, 10, false).cursor.scrollTop, 40);
    assert.equal(placeCursor(pids, { pid: 5, index: 60, scrollTop: 55 }, 10, false).cursor.scrollTop, 4);
    assert.equal(placeCursor(pids, { pid: 100, index: 0, scrollTop: 0 }, 10, false).cursor.scrollTop, 90);
  });

  it('keeps the row on its screen line when following', () => {
    const pids = Array.from({ length: 100 }, (_, i) => i + 1);
    // PID 50 was on screen line 3 (index 13, top 10); it is now at index 49.
    const placed = placeCursor(pids, { pid: 50, index: 13, scrollTop: 10 }, 10, true);
    assert.deepEqual(placed.cursor, { pid: 50, index: 49, scrollTop: 46 });
  });

  it('keeps its place on screen until the user first picks a row', () => {
    const placed = placeCursor([9, 5, 7], { pid: 5, index: 0, scrollTop: 0, anchored: false }, 10, false);
    assert.deepEqual(placed, { cursor: { pid: 9, index: 0, scrollTop: 0, anchored: false }, moved: false });
    const picked = cursorAt([9, 5, 7], 1, placed.cursor, 10);
    assert.equal(picked.anchored, undefined, 'a picked row is anchored');
    assert.equal(placeCursor([5, 9, 7], picked, 10, false).cursor.index, 0, 'and then rides its process');
  });

  it('empties when there are no rows', () => {
    assert.deepEqual(placeCursor([], { pid: 3, index: 1, scrollTop: 0 }, 10, false).cursor, { pid: null, index: 0, scrollTop: 0 });
  });
});

describe('cursorAt', () => {
  it('clamps to the rows and scrolls to show the row', () => {
    const pids = [1, 2, 3, 4, 5];
    assert.deepEqual(cursorAt(pids, 9, { pid: 1, index: 0, scrollTop: 0 }, 2), { pid: 5, index: 4, scrollTop: 3 });
    assert.deepEqual(cursorAt(pids, -3, { pid: 5, index: 4, scrollTop: 3 }, 2), { pid: 1, index: 0, scrollTop: 0 });
  });
});
