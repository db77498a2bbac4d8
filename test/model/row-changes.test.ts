import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markChanges, NO_CHANGES } from '../../src/model/row-changes.js';
import { row } from './fixtures.js';

const NOW = 1_700_000_000_000;
const options = { now: NOW, newForMs: 5000, threadsListed: false };

describe('markChanges', () => {
  it('marks as new a process that started less than the delay ago, by its start time', () => {
    const rows = [row(10, { startTime: NOW - 60_000 }), row(11, { startTime: NOW - 4000 }), row(12, { startTime: NOW - 5000 })];
    const { changes } = markChanges([], NO_CHANGES, rows, options);
    assert.deepEqual([...changes], [[11, 'new']]);
  });

  it('marks nothing new when the source cannot tell start times', () => {
    assert.equal(markChanges([], NO_CHANGES, [row(10, { startTime: 0 })], options).changes.size, 0);
  });

  it('keeps an exited process one refresh, marked gone, then lets it go', () => {
    const a = row(10, { startTime: NOW - 60_000 });
    const b = row(11, { startTime: NOW - 60_000 });
    const first = markChanges([a, b], NO_CHANGES, [a], options);
    assert.deepEqual(
      first.rows.map((r) => r.pid),
      [10, 11],
    );
    assert.deepEqual([...first.changes], [[11, 'gone']]);
    const second = markChanges(first.rows, first.changes, [a], options);
    assert.deepEqual(
      second.rows.map((r) => r.pid),
      [10],
    );
    assert.equal(second.changes, NO_CHANGES);
  });

  it('does not draw an exited process over a new one that reused its PID', () => {
    const old = row(10, { startTime: NOW - 60_000, command: 'old' });
    const reused = row(10, { startTime: NOW - 1000, command: 'new' });
    const { rows, changes } = markChanges([old], NO_CHANGES, [reused], options);
    assert.deepEqual(
      rows.map((r) => r.command),
      ['new'],
    );
    assert.deepEqual([...changes], [[10, 'new']]);
  });

  it('does not call threads gone when they are merely no longer read (H turned them off)', () => {
    const thread = row(31, { threadOf: 30, startTime: NOW - 60_000 });
    assert.equal(markChanges([thread], NO_CHANGES, [], options).rows.length, 0);
    assert.deepEqual([...markChanges([thread], NO_CHANGES, [], { ...options, threadsListed: true }).changes], [[31, 'gone']]);
  });
});
