import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { column } from '../../src/model/columns.js';
import { attachCpuTrends, type CpuTrend, CpuTrends, TREND_POINTS, trendText, trendValues } from '../../src/model/cpu-trends.js';
import { formatCells, layoutColumns } from '../../src/model/format-row.js';
import { sortRows } from '../../src/model/sort-rows.js';
import { displayWidth } from '../../src/model/text-width.js';
import { row } from './fixtures.js';

const proc = (pid: number, cpu: number, startTime = 1000 + pid) => ({ pid, startTime, cpu });

describe('CpuTrends', () => {
  it('keeps each process its last values, oldest first, and their mean', () => {
    const trends = new CpuTrends(3);
    for (const cpu of [10, 20, 30, 40]) trends.record([proc(5, cpu)]);
    const [trend] = trends.record([proc(5, 50)]);
    assert.deepEqual(trendValues(trend!), [30, 40, 50]);
    assert.equal(trend!.mean, 40);
  });

  it('drops a process that exited, and starts afresh for a PID that names another process', () => {
    const trends = new CpuTrends(4);
    trends.record([proc(1, 50), proc(2, 60)]);
    const [first] = trends.record([proc(1, 70), proc(2, 80)]);
    assert.equal(trends.size, 2);
    trends.record([proc(1, 90)]);
    assert.equal(trends.size, 1, 'PID 2 exited');
    const [reused] = trends.record([proc(1, 5, 99_999)]);
    assert.notEqual(reused, first);
    assert.deepEqual(trendValues(reused!), [5], 'the new process has only its own value');
    assert.deepEqual(trendValues(first!), [50, 70, 90], 'a row kept after its exit keeps its own');
  });

  it('stays as large as the processes listed while 100,000 PIDs come and go', () => {
    const trends = new CpuTrends();
    const live = new Map<number, number>();
    let next = 2;
    let most = 0;
    for (let refresh = 0; next < 100_002; refresh++) {
      // 100 processes live at a time; each refresh 20 exit and 20 start (some PIDs re-used with a new start time).
      const pids = [...live.keys()];
      for (const pid of pids.slice(0, 20)) live.delete(pid);
      while (live.size < 100) {
        const pid = next % 7 === 0 ? (pids[0] ?? next) : next;
        live.set(pid, next++);
      }
      trends.record([...live].map(([pid, start]) => proc(pid, refresh % 100, start)));
      most = Math.max(most, trends.size);
    }
    assert.ok(most <= 100, `at most the 100 live, held ${most}`);
    assert.equal(trends.size, live.size);
  });

  it('counts a PID listed twice in one refresh once', () => {
    const trends = new CpuTrends(4);
    const [a, b] = trends.record([proc(3, 10), proc(3, 10)]);
    assert.equal(a, b);
    assert.deepEqual(trendValues(a!), [10]);
  });

  it('sets each row its trend', () => {
    const trends = new CpuTrends();
    const rows = [row(1, { cpu: 25 }), row(2, { cpu: 100 })];
    attachCpuTrends(trends, rows);
    assert.deepEqual(
      rows.map((r) => trendValues(r.cpuTrend!)),
      [[25], [100]],
    );
  });
});

describe('trendText', () => {
  const trendOf = (values: number[], points = values.length) => {
    const trends = new CpuTrends(points);
    let trend: CpuTrend | undefined;
    for (const cpu of values) [trend] = trends.record([proc(1, cpu)]);
    return trend;
  };

  it('is blank before any refresh, and for idle or unknown refreshes', () => {
    assert.equal(trendText(undefined, 8), ' '.repeat(8));
    assert.equal(trendText(trendOf([0, 0]), 4), '    ');
    assert.equal(trendText(trendOf([Number.NaN, 50]), 2), ' ▄');
  });

  it('fills at one core and cuts above it, negatives as nothing', () => {
    assert.equal(trendText(trendOf([100, 250, -5]), 3), '██ ');
  });

  it('puts the newest on the right, short histories right-aligned', () => {
    assert.equal(trendText(trendOf([100], 10), 4), '   █');
    assert.equal(trendText(trendOf([0, 0, 100, 0, 0], 5), 5), '  █  ', 'one spike at its refresh');
    assert.equal(trendText(trendOf([12.5, 25, 37.5, 50, 62.5, 75, 87.5, 100]), 8), '▁▂▃▄▅▆▇█');
  });

  it('is exactly as wide as asked, wider or narrower than the history', () => {
    const trend = trendOf([50, 60, 70, 80, 90, 100, 10, 20, 30, 40]);
    for (const width of [0, 1, 2, 5, 10, 11, 40, 300]) assert.equal(displayWidth(trendText(trend, width)), width, `width ${width}`);
    assert.equal(trendText(trend, 2), '▂▃', 'the newest two: 30 % and 40 %');
  });
});

describe('the CPU graph column', () => {
  it('is off by default, one block a refresh, and sorts by the mean of its values, most first', () => {
    const graph = column('cpugraph');
    assert.equal(graph.width, TREND_POINTS);
    assert.equal(graph.descending, true);
    const trends = new CpuTrends();
    const steady = row(1);
    const spiky = row(2);
    const fresh = row(3);
    for (const [a, b] of [
      [40, 0],
      [40, 0],
      [40, 100],
    ]) {
      steady.cpu = a!;
      spiky.cpu = b!;
      attachCpuTrends(trends, [steady, spiky]);
    }
    // Latest: spiky 100 > steady 40; mean: steady 40 > spiky 33.3. A process with no history yet sorts last.
    assert.deepEqual(
      sortRows([fresh, spiky, steady], { key: 'cpugraph', inverted: false }).map((r) => r.pid),
      [1, 2, 3],
    );
    const layout = layoutColumns(80, ['pid', 'cpugraph', 'command']);
    assert.equal(layout.clock, true, 'drawn afresh every refresh');
    assert.deepEqual(
      formatCells(spiky, layout).map((c) => c.text),
      ['      2', '         █'],
    );
  });
});
