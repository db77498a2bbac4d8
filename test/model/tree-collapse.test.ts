import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collapseAll, collapseNode, expandNode, expandSubtree, pruneCollapsed, toggleAll } from '../../src/model/tree-collapse.js';

const row = (pid: number, ppid: number) => ({ pid, ppid });
// 1 ── 10 ── 11 ── 12;  1 ── 20;  2 ── 3;  a cycle 40 ↔ 41
const ROWS = [row(1, 0), row(10, 1), row(11, 10), row(12, 11), row(20, 1), row(2, 0), row(3, 2), row(40, 41), row(41, 40)];

const sorted = (set: ReadonlySet<number>): number[] => [...set].sort((a, b) => a - b);

describe('collapse helpers', () => {
  it('collapseAll gives every PID with children, cycles included', () => {
    assert.deepEqual(sorted(collapseAll(ROWS)), [1, 2, 10, 11, 40]);
    assert.deepEqual(sorted(collapseAll([])), []);
  });

  it('toggleAll expands everything when anything is collapsed, else collapses all', () => {
    assert.deepEqual(sorted(toggleAll(ROWS, new Set())), [1, 2, 10, 11, 40]);
    assert.deepEqual(sorted(toggleAll(ROWS, new Set([10]))), []);
  });

  it('collapseNode and expandNode change one PID and keep an unchanged set as is', () => {
    const none: ReadonlySet<number> = new Set();
    const one = collapseNode(none, 10);
    assert.deepEqual(sorted(one), [10]);
    assert.deepEqual(sorted(none), [], 'the input is not changed');
    assert.equal(collapseNode(one, 10), one);
    assert.deepEqual(sorted(expandNode(one, 10)), []);
    assert.equal(expandNode(one, 11), one);
  });

  it('expandSubtree opens a PID and everything below it', () => {
    const all = collapseAll(ROWS);
    assert.deepEqual(sorted(expandSubtree(ROWS, all, 10)), [1, 2, 40]);
    const none: ReadonlySet<number> = new Set([2]);
    assert.equal(expandSubtree(ROWS, none, 10), none);
  });

  it('pruneCollapsed drops PIDs that have gone', () => {
    const set: ReadonlySet<number> = new Set([1, 10, 999]);
    assert.deepEqual(sorted(pruneCollapsed(set, ROWS)), [1, 10]);
    const kept: ReadonlySet<number> = new Set([1, 10]);
    assert.equal(pruneCollapsed(kept, ROWS), kept);
  });
});
