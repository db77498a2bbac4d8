import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { column } from '../../src/model/columns.js';
import { formatElapsed, formatRate, formatStart, formatTty } from '../../src/model/format.js';
import { columnAt, formatHeader, formatRow, layoutColumns } from '../../src/model/format-row.js';
import { ioRates } from '../../src/model/process-row.js';
import { displayWidth } from '../../src/model/text-width.js';
import { info, row } from './fixtures.js';

describe("the other columns' formats", () => {
  it('ELAPSED as ps etime: [[dd-]hh:]mm:ss', () => {
    const now = 10_000_000_000;
    assert.equal(formatElapsed(now - 65_000, now), '01:05');
    assert.equal(formatElapsed(now - 3_725_000, now), '01:02:05');
    assert.equal(formatElapsed(now - (3 * 86400 + 3725) * 1000, now), '3-01:02:05');
    assert.equal(formatElapsed(0, now), '-');
  });

  it('START as htop: HH:MM within a day, MonDD within a year, else the year (local time)', () => {
    const start = new Date(2026, 11, 1, 9, 5).getTime();
    assert.equal(formatStart(start, start + 3_600_000), '09:05');
    assert.equal(formatStart(start, start + 3 * 86_400_000), 'Dec01');
    assert.equal(formatStart(start, start + 400 * 86_400_000), '2026');
  });

  it('TTY as ps names terminals', () => {
    assert.equal(formatTty(0), '?');
    assert.equal(formatTty((136 << 8) | 3), 'pts/3');
    assert.equal(formatTty((137 << 8) | 1), 'pts/257');
    assert.equal(formatTty((4 << 8) | 1), 'tty1');
    assert.equal(formatTty((4 << 8) | 64), 'ttyS0');
    // A minor above 255 keeps its high bits above the major (kdev_t).
    assert.equal(formatTty((136 << 8) | (1 << 20) | 4), 'pts/260');
  });

  it('DISK READ / WRITE: bytes per second, - where not permitted', () => {
    assert.equal(formatRate(-1), '-');
    assert.equal(formatRate(undefined), '-');
    assert.equal(formatRate(512), '512B/s');
    assert.equal(formatRate(2.5 * 1024 * 1024), '2.5M/s');
  });

  it('an unknown value (another source, or not permitted) shows "-" and sorts below every real one', () => {
    const bare = row(7);
    for (const id of ['pgrp', 'sid', 'tpgid', 'minflt', 'oom', 'ctxt', 'ioread', 'cgroup', 'exe', 'wchan', 'utime'] as const) {
      assert.equal(column(id).format(bare), '-', id);
    }
    assert.equal(column('oom').value(bare), -1);
    assert.equal(column('oom').format(row(7, { oomScore: -1 })), '-');
    assert.equal(column('tty').format(row(7, { tty: 0 })), '?');
  });

  it('storage rates from two readings of /proc/PID/io, 0 for a first sight, -1 where not readable', () => {
    const before = info(5, { ioReadBytes: 1000, ioWriteBytes: 0 });
    assert.deepEqual(ioRates(before, info(5, { ioReadBytes: 5000, ioWriteBytes: 2048 }), 2), { read: 2000, write: 1024 });
    assert.deepEqual(ioRates(undefined, info(5, { ioReadBytes: 5000, ioWriteBytes: 0 }), 2), { read: 0, write: 0 });
    assert.deepEqual(ioRates(before, info(5, { ioReadBytes: -1, ioWriteBytes: -1 }), 2), { read: -1, write: -1 });
    assert.deepEqual(ioRates(before, info(5, { startTime: 1, ioReadBytes: 9000, ioWriteBytes: 0 }), 2), { read: 0, write: 0 }, 'a reused PID');
  });
});

describe('layoutColumns with chosen columns', () => {
  it('draws them in the order given, the command last whatever the order', () => {
    const layout = layoutColumns(120, ['command', 'pid', 'elapsed', 'comm']);
    assert.deepEqual(
      layout.columns.map((c) => c.id),
      ['pid', 'elapsed', 'comm', 'command'],
    );
    assert.equal(layout.clock, true, 'ELAPSED follows the clock');
    assert.match(formatHeader(layout), /^\s+PID\s+ELAPSED COMM\s+Command\s*$/);
  });

  it('fills the line without a command column', () => {
    const layout = layoutColumns(60, ['pid', 'user']);
    assert.equal(layout.hasCommand, false);
    assert.equal(displayWidth(formatRow(row(42, { user: 'ann' }), layout)), 60);
  });

  it('drops the default droppable columns first, then chosen ones from the right, never PID', () => {
    const layout = layoutColumns(50, ['pid', 'user', 'cgroup', 'exe', 'pri', 'command']);
    assert.deepEqual(
      layout.columns.map((c) => c.id),
      ['pid', 'user', 'command'],
    );
    assert.ok(layout.commandWidth >= 16);
  });

  it('sanitizes text a process chose in any column, not only the command', () => {
    const layout = layoutColumns(120, ['pid', 'comm', 'exe', 'command']);
    const line = formatRow(row(9, { name: 'evil\x1b[2J', exe: '/tmp/\x07x' }), layout);
    assert.doesNotMatch(line, /[\x00-\x1f]/);
  });

  it('tells which column a cell belongs to (a click on the titles)', () => {
    const layout = layoutColumns(100);
    assert.equal(columnAt(layout, 0)?.id, 'pid');
    assert.equal(columnAt(layout, 7)?.id, 'pid', 'the space after a column is its own');
    assert.equal(columnAt(layout, 8)?.id, 'ppid');
    assert.equal(columnAt(layout, 99)?.id, 'command');
    assert.equal(columnAt(layout, 100), undefined);
  });
});
