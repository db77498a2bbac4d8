import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { filterRows, isFilterActive } from '../../src/model/filter-rows.js';
import { row } from './fixtures.js';

const rows = [
  row(1, { user: 'root', command: '/sbin/init splash' }),
  row(20, { user: 'ann', command: 'node server.js' }),
  row(21, { user: 'ann', command: 'VIM notes.txt' }),
  row(30, { user: 'bob', command: 'node worker.js' }),
];
const pids = (r: { pid: number }[]): number[] => r.map((x) => x.pid);

describe('filterRows', () => {
  it('keeps everything without a filter', () => {
    assert.deepEqual(pids(filterRows(rows, {})), [1, 20, 21, 30]);
    assert.equal(isFilterActive({ user: null, pids: new Set(), text: '' }), false);
  });

  it('filters by user', () => {
    assert.deepEqual(pids(filterRows(rows, { user: 'ann' })), [20, 21]);
  });

  it('filters by a PID list', () => {
    assert.deepEqual(pids(filterRows(rows, { pids: new Set([30, 1, 999]) })), [1, 30]);
  });

  it('filters by text in the command line, case-insensitively', () => {
    assert.deepEqual(pids(filterRows(rows, { text: 'NODE' })), [20, 30]);
    assert.deepEqual(pids(filterRows(rows, { text: 'vim' })), [21]);
  });

  it('combines filters', () => {
    assert.deepEqual(pids(filterRows(rows, { text: 'node', user: 'bob' })), [30]);
    assert.deepEqual(pids(filterRows(rows, { text: 'node', pids: new Set([1]) })), []);
  });
});
