import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findMatch, rowMatchesSearch } from '../../src/model/search.js';
import { row } from './fixtures.js';

const rows = [row(1, { command: 'init' }), row(2, { command: 'sleep 100' }), row(3, { command: 'bash' }), row(4, { command: 'SLEEP 200' })];

describe('search', () => {
  it('matches command lines case-insensitively, and a PID typed exactly', () => {
    assert.equal(rowMatchesSearch(rows[1]!, 'Sleep'), true);
    assert.equal(rowMatchesSearch(rows[2]!, '3'), true);
    assert.equal(rowMatchesSearch(rows[2]!, ''), false);
  });

  it('finds the first match at or after a row (incremental search)', () => {
    assert.equal(findMatch(rows, 'sleep', 0), 1);
    assert.equal(findMatch(rows, 'sleep', 1), 1);
    assert.equal(findMatch(rows, 'sleep', 2), 3);
  });

  it('moves to the next and previous match, wrapping around', () => {
    assert.equal(findMatch(rows, 'sleep', 1, 1, false), 3);
    assert.equal(findMatch(rows, 'sleep', 3, 1, false), 1);
    assert.equal(findMatch(rows, 'sleep', 1, -1, false), 3);
    assert.equal(findMatch(rows, 'sleep', 3, -1, false), 1);
  });

  it('stays on the only match and reports no match as -1', () => {
    assert.equal(findMatch(rows, 'bash', 2, 1, false), 2);
    assert.equal(findMatch(rows, 'nothing', 0), -1);
    assert.equal(findMatch([], 'x', 0), -1);
  });
});
