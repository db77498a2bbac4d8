import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COLUMNS } from '../../src/model/columns.js';
import { isDescending, sortRows } from '../../src/model/sort-rows.js';
import { row } from './fixtures.js';

const pids = (rows: { pid: number }[]): number[] => rows.map((r) => r.pid);

describe('sortRows', () => {
  const rows = [
    row(30, { cpu: 5, mem: 1, user: 'bob', command: 'zsh' }),
    row(10, { cpu: 50, mem: 3, user: 'ann', command: 'node' }),
    row(20, { cpu: 5, mem: 2, user: 'ann', command: 'bash' }),
    row(5, { cpu: 0, mem: 3, user: 'root', command: 'init' }),
  ];

  it('sorts CPU% descending by default, PID breaking ties', () => {
    assert.deepEqual(pids(sortRows(rows, { key: 'cpu', inverted: false })), [10, 20, 30, 5]);
  });

  it('inverts the direction but keeps PIDs ascending on ties', () => {
    assert.deepEqual(pids(sortRows(rows, { key: 'cpu', inverted: true })), [5, 20, 30, 10]);
  });

  it('sorts PID, user and command ascending by default', () => {
    assert.deepEqual(pids(sortRows(rows, { key: 'pid', inverted: false })), [5, 10, 20, 30]);
    assert.deepEqual(pids(sortRows(rows, { key: 'user', inverted: false })), [10, 20, 30, 5]);
    assert.deepEqual(pids(sortRows(rows, { key: 'command', inverted: false })), [20, 5, 10, 30]);
  });

  it('is stable: equal keys keep PID order whatever the input order', () => {
    const same = [row(9, { mem: 1 }), row(3, { mem: 1 }), row(7, { mem: 1 })];
    assert.deepEqual(pids(sortRows(same, { key: 'mem', inverted: false })), [3, 7, 9]);
    assert.deepEqual(pids(sortRows([...same].reverse(), { key: 'mem', inverted: true })), [3, 7, 9]);
  });

  it('sorts by every column without throwing and does not change its input', () => {
    const copy = [...rows];
    for (const c of COLUMNS) {
      assert.equal(sortRows(rows, { key: c.id, inverted: false }).length, rows.length);
    }
    assert.deepEqual(rows, copy);
  });

  it('knows each column natural direction', () => {
    assert.equal(isDescending({ key: 'mem', inverted: false }), true);
    assert.equal(isDescending({ key: 'pid', inverted: false }), false);
    assert.equal(isDescending({ key: 'pid', inverted: true }), true);
  });
});
