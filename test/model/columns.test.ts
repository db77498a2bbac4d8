import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COLUMNS, parseColumnId } from '../../src/model/columns.js';

describe('columns', () => {
  it("has htop's columns in htop's order, plus CPU (the last core)", () => {
    assert.deepEqual(
      COLUMNS.filter((c) => !c.optional).map((c) => c.header),
      ['PID', 'PPID', 'USER', 'PRI', 'NI', 'VIRT', 'RES', 'S', 'CPU%', 'MEM%', 'TIME+', 'CPU', 'Command'],
    );
  });

  it("has the job-control columns as ps names them, shown only when asked for (J)", () => {
    assert.deepEqual(COLUMNS.filter((c) => c.optional).map((c) => c.header), ['PGID', 'SID', 'TPGID']);
    assert.equal(parseColumnId('pgrp'), 'pgid');
    assert.equal(parseColumnId('session'), 'sid');
    const row = { pgrp: 40, session: 7, tpgid: -1 } as Parameters<(typeof COLUMNS)[number]['format']>[0];
    assert.deepEqual(COLUMNS.filter((c) => c.optional).map((c) => c.format(row)), ['40', '7', '-1']);
    assert.deepEqual(COLUMNS.filter((c) => c.optional).map((c) => c.format({} as typeof row)), ['-', '-', '-']);
  });

  it('accepts column IDs and the usual aliases as sort keys', () => {
    assert.equal(parseColumnId('cpu'), 'cpu');
    assert.equal(parseColumnId('PID'), 'pid');
    assert.equal(parseColumnId('%mem'), 'mem');
    assert.equal(parseColumnId('rss'), 'res');
    assert.equal(parseColumnId('nope'), undefined);
  });
});
