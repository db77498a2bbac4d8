import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ancestry, descendants } from '../../src/model/ancestry.js';

const row = (pid: number, ppid: number) => ({ pid, ppid });

// 1 ── 100 ─┬─ 200 ── 300
//           └─ 201
// 2 ── 50        (kthreadd and a kernel thread)
// 900 → 800, which is gone
const ROWS = [row(1, 0), row(100, 1), row(200, 100), row(300, 200), row(201, 100), row(2, 0), row(50, 2), row(900, 800)];

const pids = (chain: readonly { pid: number }[]): number[] => chain.map((r) => r.pid);

describe('ancestry', () => {
  it('walks from the process up to PID 1', () => {
    const found = ancestry(ROWS, 300);
    assert.deepEqual(pids(found?.chain ?? []), [300, 200, 100, 1]);
    assert.deepEqual(found?.end, { kind: 'root' });
  });

  it('ends at the child of PID 0 for kernel threads, and at PID 1 itself', () => {
    assert.deepEqual(pids(ancestry(ROWS, 50)?.chain ?? []), [50, 2]);
    assert.deepEqual(ancestry(ROWS, 1), { chain: [row(1, 0)], end: { kind: 'root' } });
  });

  it('reports the parent that is gone', () => {
    const found = ancestry(ROWS, 900);
    assert.deepEqual(pids(found?.chain ?? []), [900]);
    assert.deepEqual(found?.end, { kind: 'missing-parent', ppid: 800 });
  });

  it('stops when a PID repeats', () => {
    const rows = [row(7, 9), row(8, 7), row(9, 8), row(10, 9)];
    const found = ancestry(rows, 10);
    assert.deepEqual(pids(found?.chain ?? []), [10, 9, 8, 7]);
    assert.deepEqual(found?.end, { kind: 'cycle', pid: 9 });
  });

  it('treats a self-parent as a root', () => {
    assert.deepEqual(ancestry([row(5, 5), row(6, 5)], 6)?.end, { kind: 'root' });
  });

  it('returns null for a PID not in the sample', () => {
    assert.equal(ancestry(ROWS, 12345), null);
  });

  it('walks a chain 100,000 long', () => {
    const rows = Array.from({ length: 100_000 }, (_, k) => row(k + 1, k));
    const found = ancestry(rows, 100_000);
    assert.equal(found?.chain.length, 100_000);
    assert.equal(found?.chain.at(-1)?.pid, 1);
  });
});

describe('descendants', () => {
  it('lists everything below, parents before children, without the process itself', () => {
    assert.deepEqual(descendants(ROWS, 100), [200, 201, 300]);
    assert.deepEqual(descendants(ROWS, 1), [100, 200, 201, 300]);
  });

  it('is empty for a leaf and for an unknown PID', () => {
    assert.deepEqual(descendants(ROWS, 300), []);
    assert.deepEqual(descendants(ROWS, 12345), []);
  });

  it('lists the children of a parent that is gone', () => {
    assert.deepEqual(descendants(ROWS, 800), [900]);
  });

  it('lists each PID once when the PPIDs loop', () => {
    const rows = [row(7, 9), row(8, 7), row(9, 8), row(10, 9)];
    assert.deepEqual(descendants(rows, 9), [7, 10, 8]);
    assert.deepEqual(descendants([row(5, 5), row(6, 5)], 5), [6]);
  });

  it('never counts PID 1 as a descendant, whatever its PPID says', () => {
    assert.deepEqual(descendants([row(1, 7), row(7, 1), row(8, 1)], 7), []);
  });

  it('walks a chain 100,000 long', () => {
    const rows = Array.from({ length: 100_000 }, (_, k) => row(k + 1, k));
    assert.equal(descendants(rows, 1).length, 99_999);
  });
});
