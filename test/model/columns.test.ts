import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COLUMNS, parseColumnId } from '../../src/model/columns.js';

describe('columns', () => {
  it("has htop's columns in htop's order, plus CPU (the last core)", () => {
    assert.deepEqual(
      COLUMNS.map((c) => c.header),
      ['PID', 'PPID', 'USER', 'PRI', 'NI', 'VIRT', 'RES', 'SHR', 'S', 'CPU%', 'MEM%', 'TIME+', 'CPU', 'Command'],
    );
  });

  it('accepts column IDs and the usual aliases as sort keys', () => {
    assert.equal(parseColumnId('cpu'), 'cpu');
    assert.equal(parseColumnId('PID'), 'pid');
    assert.equal(parseColumnId('%mem'), 'mem');
    assert.equal(parseColumnId('rss'), 'res');
    assert.equal(parseColumnId('nope'), undefined);
  });
});
