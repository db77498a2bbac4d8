import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { column, columnDetails, COLUMNS, DEFAULT_COLUMNS, parseColumnId, parseColumnList } from '../../src/model/columns.js';

describe('columns', () => {
  it("shows htop's default columns in htop's order, plus CPU (the last core), until others are chosen", () => {
    assert.deepEqual(
      DEFAULT_COLUMNS.map((id) => column(id).header),
      ['PID', 'PPID', 'USER', 'PRI', 'NI', 'VIRT', 'RES', 'SHR', 'S', 'CPU%', 'MEM%', 'TIME+', 'CPU', 'Command'],
    );
  });

  it("offers htop's Linux columns that /proc gives without privileges, each header once", () => {
    const headers = COLUMNS.map((c) => c.header);
    for (const header of [
      'PID',
      'PPID',
      'PGRP',
      'SID',
      'TTY',
      'TPGID',
      'USER',
      'PRI',
      'NI',
      'VIRT',
      'RES',
      'SHR',
      'S',
      'CPU%',
      'MEM%',
      'TIME+',
      'UTIME+',
      'STIME+',
      'START',
      'ELAPSED',
      'NLWP',
      'CPU',
      'MINFLT',
      'MAJFLT',
      'DISK READ',
      'DISK WRITE',
      'CGROUP',
      'OOM',
      'CTXT',
      'WCHAN',
      'EXE',
      'COMM',
      'Command',
    ]) {
      assert.ok(headers.includes(header), header);
    }
    assert.equal(new Set(headers).size, headers.length);
  });

  it('names the /proc files beyond stat that a set of columns needs', () => {
    assert.deepEqual([...columnDetails(DEFAULT_COLUMNS)], []);
    assert.deepEqual([...columnDetails(['pid', 'ioread', 'iowrite', 'exe', 'ctxt'])].sort(), ['ctxt', 'exe', 'io']);
  });

  it('reads a column list strictly: known names only, each once', () => {
    assert.deepEqual(parseColumnList(['pid', 'PGID', 'etime', 'pid']), ['pid', 'pgrp', 'elapsed']);
    assert.equal(parseColumnList(['pid', 'nope']), undefined);
    assert.equal(parseColumnList([]), undefined);
    assert.equal(parseColumnList([1]), undefined);
  });

  it('accepts column IDs and the usual aliases as sort keys', () => {
    assert.equal(parseColumnId('cpu'), 'cpu');
    assert.equal(parseColumnId('PID'), 'pid');
    assert.equal(parseColumnId('%mem'), 'mem');
    assert.equal(parseColumnId('rss'), 'res');
    assert.equal(parseColumnId('nope'), undefined);
  });
});
