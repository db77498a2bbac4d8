import './force-color.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { displayWidth } from '../../src/model/text-width.js';
import type { Sample } from '../../src/sampling/types.js';
import { createAppStore, type AppStore } from '../../src/store/app-store.js';
import { App } from '../../src/ui/app.js';
import { coreGrid, graphsPanelHeight, graphsPanelLines, GraphsPanel } from '../../src/ui/graphs-panel.js';
import { headerLines } from '../../src/ui/header.js';
import { computeLayout } from '../../src/ui/layout.js';
import { memoryGraphRows } from '../../src/ui/memory-graph.js';
import { COLOR_THEME, MONO_THEME } from '../../src/ui/theme.js';
import { hostCounters, info, sample } from '../model/fixtures.js';
import { plain, renderWithStore } from './render-with-store.js';
import { testContext } from './test-context.js';
import { waitForFrame } from './wait-for-frame.js';

const SGR = /\x1b\[[\d;]*m/g;

/** A fake machine of `cores` cores: core i at (i × 7) % 101 percent, then every core full. */
function samples(cores: number, count: number, full = false): Sample[] {
  return Array.from({ length: count }, (_, t) =>
    sample([info(1)], {
      monotonic: t * 1000,
      cpus: Array.from({ length: cores }, (_, i) => {
        const busy = full ? 100 : (i * 7 + t) % 101;
        return { user: busy * 0.7, system: busy * 0.2, nice: busy * 0.1, idle: 100 - busy };
      }),
      counters: hostCounters([['vda', t * 1e6, t * 2e6]], [['eth\x1b0', 0, 0]]),
    }),
  );
}

function storeWith(cores: number, count: number, full = false, graphs = {}): AppStore {
  const store = createAppStore({ graphs: { panel: true, ...graphs } });
  for (const s of samples(cores, count, full)) store.getState().applySample(s);
  return store;
}

describe('graphs panel', () => {
  for (const cores of [2, 64, 256]) {
    for (const [width, room] of [
      [80, 20],
      [120, 30],
      [200, 60],
    ] as const) {
      it(`stays within ${width}×${room} for ${cores} cores, every core shown or counted`, () => {
        const store = storeWith(cores, 70);
        const { history, graphs, meters } = store.getState();
        const height = graphsPanelHeight(history, graphs, meters, cores, width, room);
        assert.ok(height > 0 && height <= room, `height ${height} of ${room}`);
        const memoryRows = memoryGraphRows(room);
        const lines = graphsPanelLines(history, graphs, meters, null, cores, width, height, COLOR_THEME, memoryRows);
        assert.equal(lines.length, height);
        for (const line of lines)
          assert.ok(displayWidth(line.replace(SGR, '')) <= width, `${displayWidth(line.replace(SGR, ''))} > ${width}: ${line.replace(SGR, '')}`);
        const text = lines.map((l) => l.replace(SGR, '')).join('\n');
        const grid = coreGrid(cores, width, height - 1 - (memoryRows + 4), 3);
        const labelled = [...text.matchAll(/(?:^|\s)(\d+) [⠀-⣿ ]/gm)].length;
        if (grid.shown < cores) assert.match(text, new RegExp(`and ${cores - grid.shown} more cores`));
        assert.ok(labelled >= Math.min(grid.shown, 1), text);
        assert.match(text, /^Graphs · last 60 s/m);
        assert.match(text, /^\s*Mem /m);
        assert.match(text, /^\s*Dsk .*1\.91M\/s written/m);
        assert.match(text, /^vda 977K\/s read, 1\.91M\/s written · eth\^\[0 0\/s in, 0\/s out$/m, 'each device, its name made harmless');
      });
    }
  }

  it('fills the graph of a busy core to the top, and leaves the time before it started blank', () => {
    const store = storeWith(2, 31, true, { spanSeconds: 60 });
    const { history, graphs, meters } = store.getState();
    const lines = graphsPanelLines(history, graphs, meters, null, 2, 80, 12, MONO_THEME);
    const top = lines[1]!;
    assert.match(top, /⣿{10,}$/, 'full at the right, the newest');
    assert.match(top, /^\s{3} \s{10,}/, 'blank at the left, before the history began');
  });

  it('in monochrome draws the same characters without a colour code', () => {
    const store = storeWith(2, 31, true);
    const { history, graphs, meters } = store.getState();
    const mono = graphsPanelLines(history, graphs, meters, null, 2, 80, 12, MONO_THEME);
    const color = graphsPanelLines(history, graphs, meters, null, 2, 80, 12, COLOR_THEME);
    assert.ok(mono.every((l) => !/\x1b\[3\dm/.test(l)));
    assert.deepEqual(
      mono.map((l) => l.replace(SGR, '')),
      color.map((l) => l.replace(SGR, '')),
    );
  });

  it("stacks the memory meter's parts over time: in their colours, in monochrome in their shades", () => {
    const gib = 1024 ** 3;
    const store = createAppStore({ graphs: { panel: true, spanSeconds: 30 } });
    for (let t = 0; t <= 30; t++) {
      const s = sample([info(1)], { monotonic: t * 1000 });
      // 3 rows of 8 levels: used fills the bottom row, cache the middle one; swap a quarter used, an eighth cached.
      s.memory = { ...s.memory, total: 6 * gib, used: 2 * gib, shared: 0, buffers: 0, cached: 2 * gib };
      s.swap = { total: 8 * gib, used: 2 * gib, free: 5 * gib, cached: 1 * gib };
      store.getState().applySample(s);
    }
    const { history, graphs, meters, sample: now } = store.getState();
    const mono = graphsPanelLines(history, graphs, meters, now, 2, 80, 16, MONO_THEME).map((l) => l.replace(SGR, ''));
    const [top, middle, bottom, swap] = mono.slice(-4);
    assert.match(top!, /^\s+ {20,}2G\/6G$/, 'nothing above two thirds');
    assert.match(middle!, /^\s+ ░{20,} █used 2G ▓shared 0$/, 'cache in its shade');
    assert.match(bottom!, /^Mem █{20,} ▒buffers 0 ░cache 2G$/, 'used at the bottom');
    assert.match(swap!, /^Swp ▃{20,} 2G\/8G, ░cache 1G$/);
    const color = graphsPanelLines(history, graphs, meters, now, 2, 80, 16, COLOR_THEME).slice(-4);
    assert.ok(color[1]!.includes(`\x1b[33m${'█'.repeat(20)}`), 'cache in yellow, as the meter');
    assert.ok(color[2]!.includes(`\x1b[32m${'█'.repeat(20)}`), 'used in green');
    assert.match(color[2]!.replace(SGR, ''), /^Mem █{20,} buffers 0 cache 2G$/);
  });

  it('draws blocks instead of braille when the style says so', () => {
    const store = storeWith(2, 31, true, { style: 'block' });
    const { history, graphs, meters } = store.getState();
    const text = graphsPanelLines(history, graphs, meters, null, 2, 80, 12, MONO_THEME).join('\n');
    assert.match(text, /█{10,}/);
    assert.doesNotMatch(text, /⣿/);
  });

  it('lists the meters this machine has not, with why', () => {
    const store = storeWith(2, 5);
    store.getState().setMeters({ missing: { battery: 'no battery in /sys/class/power_supply' } });
    const { history, graphs, meters } = store.getState();
    const lines = graphsPanelLines(history, graphs, meters, null, 2, 120, 14, MONO_THEME);
    assert.match(lines.at(-1)!.replace(SGR, ''), /^not here: battery: no battery in \/sys\/class\/power_supply$/);
  });

  it('draws in ink, and g in the app shows and hides it', async () => {
    const store = storeWith(2, 10, true, { panel: false });
    const rendered = renderWithStore(<App ctx={testContext(store)} />, store);
    await waitForFrame(rendered.lastFrame, /PID\s+PPID/, 'the first frame');
    assert.doesNotMatch(plain(rendered.lastFrame()), /^Graphs ·/m);
    rendered.stdin.write('g');
    await waitForFrame(rendered.lastFrame, (f) => /^Graphs · last 60 s/m.test(plain(f)) && /⣿/.test(plain(f)), 'the panel');
    rendered.stdin.write('}');
    await waitForFrame(rendered.lastFrame, (f) => /^Graphs · last 2 min/m.test(plain(f)), 'a longer span');
    rendered.stdin.write('g');
    await waitForFrame(rendered.lastFrame, (f) => !/^Graphs ·/m.test(plain(f)), 'the panel gone');
    rendered.unmount();
  });

  it('the component renders the same lines', async () => {
    const store = storeWith(2, 10, true);
    const rendered = renderWithStore(<GraphsPanel width={80} height={10} memoryRows={3} />, store);
    const frame = plain(await waitForFrame(rendered.lastFrame, /Graphs/));
    assert.match(frame, /⣿/);
    assert.match(frame, / 2G\/8G\n.* used 2G .*\nMem .* cache 1G\n/);
    rendered.unmount();
  });
});

describe('CPU meters in graph mode', () => {
  for (const cores of [2, 64, 256]) {
    it(`keeps every header line within the terminal for ${cores} cores`, () => {
      const store = storeWith(cores, 40, true, { cpuMeter: 'graph', panel: false });
      const { sample: s, pool, rows, history, graphs, meters } = store.getState();
      for (const columns of [80, 120, 200]) {
        const layout = computeLayout(columns, 400, cores);
        const lines = headerLines(s!, pool, rows, layout, COLOR_THEME, { history, graphs, meters });
        for (const line of lines) assert.ok(displayWidth(line.replace(SGR, '')) <= columns, `${columns}: ${line.replace(SGR, '')}`);
        assert.ok(
          lines.some((l) => /\] [ ⠀-⣿]*⣿/.test(l.replace(SGR, ''))),
          'a graph beside the bars',
        );
      }
    });
  }

  it('shows the span with the uptime, and the disk and network rates', () => {
    const store = storeWith(2, 5, true, { cpuMeter: 'graph', panel: false });
    const { sample: s, pool, rows, history, graphs, meters } = store.getState();
    const text = headerLines(s!, pool, rows, computeLayout(120, 40, 2, 2), MONO_THEME, { history, graphs, meters })
      .join('\n')
      .replace(SGR, '');
    assert.match(text, /Uptime: 01:00:00  Graphs: last 60 s/);
    assert.match(text, /Disk: 977K\/s read, 1\.91M\/s written  Net: 0\/s in, 0\/s out/);
  });
});
