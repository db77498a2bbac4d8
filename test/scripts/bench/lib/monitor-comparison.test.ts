import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { figures, MIB } from './bench-figures.js';
import { type Comparison, comparisonTable, significant, times } from '../../../../scripts/bench/lib/monitor-comparison.js';

const COMPARISON: Comparison = {
  titles: { htop: 'htop 3.2.2', btop: 'btop 1.2.13', top: 'top 4.0.2', pooltop: 'pooltop' },
  levels: [
    {
      extra: 0,
      processes: 66,
      windowSeconds: 40,
      figures: {
        htop: figures(3.26, { peakRss: 4.2 * MIB }),
        btop: figures(7.05),
        top: figures(2.6),
        pooltop: figures(5.82, { peakRss: 72.7 * MIB, bytesPerRefresh: 5530, firstFrameMs: 212.4 }),
      },
    },
    {
      extra: 2230,
      processes: 2296,
      windowSeconds: 40,
      alone: true,
      figures: {
        htop: figures(155, { peakRss: 6.5 * MIB }),
        btop: figures(54.8),
        pooltop: figures(41.3, { peakRss: 77.3 * MIB, tmuxCpuMs: null }),
      },
    },
  ],
  versionMs: { htop: 2.5, pooltop: 72.04 },
};

describe('the comparison table', () => {
  const lines = comparisonTable(COMPARISON);
  const cells = (prefix: string) =>
    lines
      .find((line) => line.startsWith(`| ${prefix}`))
      ?.split(' | ')
      .slice(1)
      .map((cell) => cell.replace(/ \|$/, ''));

  it('has a column for each program that ran, in order, and a markdown rule under the titles', () => {
    assert.equal(lines[0], '| | htop 3.2.2 | btop 1.2.13 | top 4.0.2 | pooltop |');
    assert.equal(lines[1], '| --- | --- | --- | --- | --- |');
  });

  it("gives CPU with three figures and pooltop's ratios to htop and btop of the same row", () => {
    assert.deepEqual(cells('machine (66 processes), CPU ms per second'), ['3.26', '7.05', '2.60', '5.82 (1.8× htop, 0.83× btop)']);
    assert.deepEqual(cells('+2,230 idle (2,296 processes, each program alone), CPU ms per second'), ['155', '54.8', '—', '41.3 (0.27× htop, 0.75× btop)']);
  });

  it('gives peak RSS as the range over the rows, one figure when they agree', () => {
    assert.deepEqual(cells('peak RSS'), ['4.2–6.5 MB', '5.0 MB', '5.0 MB', '72.7–77.3 MB']);
  });

  it('gives the terminal, bytes and first-frame figures per row, a dash where one is missing', () => {
    assert.deepEqual(cells("the terminal's (tmux server's) CPU over 40 s, machine"), ['20 ms', '20 ms', '20 ms', '20 ms']);
    assert.deepEqual(cells("the terminal's (tmux server's) CPU over 40 s, +2,230"), ['20 ms', '20 ms', '—', '—']);
    assert.deepEqual(cells('bytes written to the terminal per refresh, machine'), ['0.8 KiB', '0.8 KiB', '0.8 KiB', '5.4 KiB']);
    assert.deepEqual(cells('first full frame after launch, machine'), ['200 ms', '200 ms', '200 ms', '212 ms']);
    assert.deepEqual(cells('`--version`'), ['2.50 ms', '—', '—', '72.0 ms']);
  });

  it('has every row as many cells as the titles', () => {
    for (const line of lines) assert.equal(line.split(' | ').length, 5, line);
  });
});

describe('figures', () => {
  it('rounds to three significant figures, a dash for none', () => {
    assert.deepEqual([3.256, 54.84, 155.4, 0.5].map(significant), ['3.26', '54.8', '155', '0.50']);
    assert.equal(significant(null), '—');
    assert.equal(significant(Number.NaN), '—');
  });

  it('gives ratios with two figures', () => {
    assert.deepEqual([0.266, 1.78, 12.4].map(times), ['0.27×', '1.8×', '12×']);
    assert.equal(times(null), '—');
  });
});
