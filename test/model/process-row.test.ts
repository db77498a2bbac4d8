import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cpuPercent, deriveRows, memPercent } from '../../src/model/process-row.js';
import { info, sample } from './fixtures.js';

describe('cpuPercent', () => {
  it('is the CPU time used over the interval, 100 = one core', () => {
    assert.equal(cpuPercent(info(5, { cpuTime: 10 }), info(5, { cpuTime: 10.5 }), 1), 50);
    assert.equal(cpuPercent(info(5, { cpuTime: 10 }), info(5, { cpuTime: 12 }), 1), 200);
    assert.equal(cpuPercent(info(5, { cpuTime: 1 }), info(5, { cpuTime: 1.25 }), 0.5), 50);
  });

  it('is 0 for a process seen for the first time', () => {
    assert.equal(cpuPercent(undefined, info(5, { cpuTime: 99 }), 1), 0);
  });

  it('is 0 when the PID now names another process (start time changed)', () => {
    assert.equal(cpuPercent(info(5, { cpuTime: 1, startTime: 1 }), info(5, { cpuTime: 50, startTime: 2 }), 1), 0);
  });

  it('never goes negative and never divides by zero', () => {
    assert.equal(cpuPercent(info(5, { cpuTime: 10 }), info(5, { cpuTime: 9.99 }), 1), 0);
    assert.equal(cpuPercent(info(5, { cpuTime: 1 }), info(5, { cpuTime: 2 }), 0), 0);
  });

  it("uses the source's own figure when the source has no cumulative CPU time", () => {
    assert.equal(cpuPercent(undefined, info(5, { cpuTime: -1, sourceCpu: 12.5 }), 1), 12.5);
    assert.ok(Number.isNaN(cpuPercent(undefined, info(5, { cpuTime: -1 }), 1)), 'neither: unknown, not 0');
  });
});

describe('memPercent', () => {
  it("is RSS over total memory, or the source's own figure where it gives no RSS", () => {
    assert.equal(memPercent(info(1, { rss: 512 }), 1024), 50);
    assert.equal(memPercent(info(1, { rss: 512 }), 0), 0);
    assert.equal(memPercent(info(1, { rss: Number.NaN, sourceMem: 1.5 }), 1024), 1.5);
    assert.ok(Number.isNaN(memPercent(info(1, { rss: Number.NaN }), 1024)), 'neither: unknown');
  });
});

describe('deriveRows', () => {
  it('pairs processes by PID across two samples using the monotonic clock', () => {
    const before = sample([info(1, { cpuTime: 1 }), info(2, { cpuTime: 5 })], { monotonic: 1000 });
    const after = sample([info(2, { cpuTime: 5.5 }), info(3, { cpuTime: 2 }), info(1, { cpuTime: 1.1 })], { monotonic: 2000 });
    const rows = deriveRows(before, after);
    assert.deepEqual(
      rows.map((r) => [r.pid, Math.round(r.cpu * 10) / 10]),
      [
        [2, 50],
        [3, 0],
        [1, 10],
      ],
    );
  });

  it('reuses the row of a process object given again while its CPU% and MEM% read the same', () => {
    const idle = info(1, { cpuTime: 1 });
    const busy = info(2, { cpuTime: 5 });
    const first = sample([idle, busy], { monotonic: 1000 });
    const rows1 = deriveRows(null, first);
    const second = sample([idle, info(2, { cpuTime: 6 })], { monotonic: 2000 });
    const rows2 = deriveRows(first, second);
    assert.equal(rows2[0], rows1[0], 'the idle process: same object, same row');
    assert.notEqual(rows2[1], rows1[1]);
    assert.equal(Math.round(rows2[1]!.cpu), 100);
    // Same object, but memory total changed: MEM% differs, so a new row.
    const third = sample([idle], { monotonic: 3000, memory: { ...second.memory, total: second.memory.total * 2 } });
    const rows3 = deriveRows(second, third);
    assert.notEqual(rows3[0], rows2[0]);
    assert.equal(rows3[0]!.mem, rows2[0]!.mem / 2);
  });

  it('gives every row MEM% of the sample total', () => {
    const s = sample([info(1, { rss: 8 * 1024 ** 3 * 0.25 })]);
    assert.equal(deriveRows(null, s)[0]?.mem, 25);
  });
});
