import './force-color.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAppStore } from '../../src/store/app-store.js';
import { countTasks } from '../../src/sampling/count-tasks.js';
import { Header, headerLines } from '../../src/ui/header.js';
import { MONO_THEME } from '../../src/ui/theme.js';
import { computeLayout } from '../../src/ui/layout.js';
import { info, sample } from '../model/fixtures.js';
import { plain, renderWithStore } from './render-with-store.js';
import { waitForFrame } from './wait-for-frame.js';

function cores(n: number) {
  return Array.from({ length: n }, (_, i) => ({ user: 10 * (i % 10), system: 5, nice: 0, idle: 85 - 10 * (i % 10) }));
}

describe('Header', () => {
  for (const n of [1, 2, 4, 8]) {
    it(`draws one meter per core for ${n} cores, then Mem and Swp`, async () => {
      const store = createAppStore();
      store.getState().applySample(sample([info(1)], { cpus: cores(n) }));
      const { lastFrame, unmount } = renderWithStore(<Header layout={computeLayout(100, 40, n)} />, store);
      const lines = plain(await waitForFrame(lastFrame, /Swp\[/)).split('\n');
      for (let i = 0; i < n; i++) assert.ok(lines[i]?.includes(`${i}[`), `core ${i} on line ${i}: ${lines[i]}`);
      assert.match(lines[n] ?? '', /Mem\[.*\/8G\]/);
      assert.match(lines[n + 1] ?? '', /Swp\[/);
      assert.match(plain(lastFrame()), /Tasks: 1, 0 thr, 0 kthr/);
      assert.match(plain(lastFrame()), /Load average: 0\.50 0\.40 0\.30/);
      assert.match(plain(lastFrame()), /Uptime: 01:00:00/);
      unmount();
    });
  }

  it('shows each core percentage and fills the bar in proportion', async () => {
    const store = createAppStore();
    store.getState().applySample(
      sample([info(1)], {
        cpus: [
          { user: 50, system: 0, nice: 0, idle: 50 },
          { user: 0, system: 0, nice: 0, idle: 100 },
        ],
      }),
    );
    const { lastFrame, unmount } = renderWithStore(<Header layout={computeLayout(100, 40, 2)} />, store);
    const [busy, idle] = plain(await waitForFrame(lastFrame, /Swp\[/)).split('\n');
    assert.match(busy ?? '', /50\.0%\]/);
    assert.match(idle ?? '', /0\.0%\]/);
    const bars = (line: string) => (line.match(/\|/g) ?? []).length;
    assert.ok(bars(busy ?? '') > 15 && bars(idle ?? '') === 0, `bars: ${bars(busy ?? '')} busy, ${bars(idle ?? '')} idle`);
    unmount();
  });

  it("counts tasks with htop's words and htop's numbers: processes without kernel threads, their other threads, kernel threads, threads running", async () => {
    const processes = [
      info(1, { threads: 4 }),
      info(2, { threads: 1 }),
      info(3, { threads: 1, kernelThread: true }),
      info(4, { threads: 1, kernelThread: true, state: 'I' }),
    ];
    const store = createAppStore();
    store.getState().applySample(sample(processes, { tasks: countTasks(processes, 5, 2) }));
    const { lastFrame, unmount } = renderWithStore(<Header layout={computeLayout(120, 40, 2)} />, store);
    const frame = plain(await waitForFrame(lastFrame, /Swp\[/));
    assert.match(frame, /Tasks: 2, 3 thr, 2 kthr; 2 running/, 'running threads at most one a core, as htop');
    assert.match(frame, /4 sleeping, 0 stopped, 0 zombie/, 'processes by state, kernel threads among them (top)');
    unmount();
  });

  it('leaves out the counts a source does not know', async () => {
    const processes = [info(1, { threads: Number.NaN, state: '' })];
    const store = createAppStore();
    store.getState().applySample(sample(processes));
    const { lastFrame, unmount } = renderWithStore(<Header layout={computeLayout(120, 40, 2)} />, store);
    const frame = plain(await waitForFrame(lastFrame, /Swp\[/));
    assert.match(frame, /Tasks: 1, 0 kthr\b/);
    assert.doesNotMatch(frame, /thr,|running|sleeping/);
    unmount();
  });

  it("draws memory's parts like htop: used, shared, buffers, cache in their colours, labelled used + shared", async () => {
    const g = 1024 ** 3;
    const memory = {
      total: 8 * g,
      used: 2 * g,
      shared: 1 * g,
      compressed: 0,
      buffers: 1 * g,
      cached: 2 * g,
      free: 2 * g,
      available: 5 * g,
      usedConvention: 'htop' as const,
    };
    const store = createAppStore();
    store.getState().applySample(sample([info(1)], { memory }));
    const { lastFrame, unmount } = renderWithStore(<Header layout={computeLayout(100, 40, 2)} />, store);
    const whole = (await waitForFrame(lastFrame, /Swp\[/)).split('\n').find((l) => plain(l).startsWith('Mem['))!;
    const line = whole.slice(0, whole.indexOf('8G') + 2);
    assert.match(plain(line), /3G\/8G$/, 'used + shared, as htop ≥ 3.3');
    // Bars of each colour in htop's order: green used, magenta shared, bright blue buffers, yellow cache.
    const colours = [...line.matchAll(/\x1b\[(\d+)m(\|+)/g)].map((m) => [m[1], m[2]!.length] as const);
    assert.deepEqual(
      colours.map(([code]) => code),
      ['32', '35', '94', '33'],
    );
    const inner = plain(line).length + 1 - 'Mem[]'.length;
    const cells = colours.map(([, n]) => n);
    assert.ok(Math.abs(cells[0]! - inner / 4) <= 1 && Math.abs(cells[3]! - inner / 4) <= 1, `cells ${cells} of ${inner}`);
    unmount();
  });

  it("draws memory's parts with htop's characters in monochrome", () => {
    const g = 1024 ** 3;
    const memory = {
      total: 8 * g,
      used: 2 * g,
      shared: 1 * g,
      compressed: 0,
      buffers: 1 * g,
      cached: 2 * g,
      free: 2 * g,
      available: 5 * g,
      usedConvention: 'htop' as const,
    };
    const lines = headerLines(sample([info(1)], { memory }), null, [], computeLayout(100, 40, 2), MONO_THEME);
    const mem = plain(lines.find((l) => plain(l).startsWith('Mem['))!);
    assert.match(mem, /^Mem\[\|+#+@+\$+ +3G\/8G\]/);
  });

  it('lays 16 cores out in two columns of meters', async () => {
    const store = createAppStore();
    store.getState().applySample(sample([info(1)], { cpus: cores(16) }));
    const layout = computeLayout(120, 40, 16);
    assert.equal(layout.meterColumns, 2);
    const { lastFrame, unmount } = renderWithStore(<Header layout={layout} />, store);
    const first = plain(await waitForFrame(lastFrame, /Swp\[/)).split('\n')[0] ?? '';
    assert.match(first, /0\[.*8\[/);
    unmount();
  });
});
