import './force-color.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_HEADER_LAYOUT, type HeaderLayout } from '../../src/model/header-layout.js';
import { createHistory } from '../../src/model/history.js';
import { DEFAULT_GRAPHS } from '../../src/model/graph-settings.js';
import { createAppStore } from '../../src/store/app-store.js';
import { App } from '../../src/ui/app.js';
import { Header, headerHeight, headerLines } from '../../src/ui/header.js';
import type { MeterFacts } from '../../src/ui/header-meters.js';
import { computeLayout, meterColumnsFor } from '../../src/ui/layout.js';
import { displayWidth } from '../../src/model/text-width.js';
import { COLOR_THEME, MONO_THEME } from '../../src/ui/theme.js';
import { info, sample } from '../model/fixtures.js';
import { plain, renderWithStore } from './render-with-store.js';
import { testContext } from './test-context.js';
import { waitForFrame } from './wait-for-frame.js';

const cores = (n: number) => Array.from({ length: n }, (_, i) => ({ user: 10 + i, system: 5, nice: 1, idle: 84 - i }));
const place = (meter: string, mode = 'text') => ({ meter, mode }) as HeaderLayout['columns'][number][number];
const extras = (layout: HeaderLayout) => ({ history: createHistory(2), graphs: DEFAULT_GRAPHS, meters: { missing: {} }, layout, hostname: 'tiny\x1b[31mhost' });

describe('header layouts', () => {
  it('gives the default header the height the screen has always given it, at every size, core count, pool and system meter', () => {
    for (const n of [1, 2, 3, 8, 9, 16, 33, 64, 128])
      for (const columns of [40, 80, 159, 160, 200])
        for (const pool of [false, true])
          for (const io of [0, 1])
            for (const sensors of [0, 1]) {
              const facts: MeterFacts = {
                cores: n,
                pool,
                systemMeters: true,
                counters: io === 1,
                rates: false,
                meters: sensors ? { missing: {}, battery: [{ name: 'BAT0', percent: 50, state: 'full', secondsLeft: null }] } : { missing: {} },
              };
              const before = computeLayout(columns, 80, n, (pool ? 1 : 0) + io + sensors).headerHeight;
              const now = computeLayout(columns, 80, n, 0, headerHeight(DEFAULT_HEADER_LAYOUT, facts, meterColumnsFor(columns, n))).headerHeight;
              assert.equal(now, before, `${n} cores, ${columns} columns, pool ${pool}, io ${io}, sensors ${sensors}`);
            }
  });

  for (const count of [1, 2, 3, 4]) {
    for (const columns of [40, 100]) {
      it(`draws ${count} column${count > 1 ? 's' : ''} side by side within ${columns} cells`, () => {
        const all = [
          place('cpus', 'bar'),
          place('memory', 'bar'),
          place('swap', 'text'),
          place('load'),
          place('clock'),
          place('hostname'),
          place('uptime'),
          place('tasks'),
        ];
        const layout: HeaderLayout = { columns: Array.from({ length: count }, (_, c) => all.filter((_, i) => i % count === c)) };
        const s = sample([info(1)], { cpus: cores(2) });
        const screen = computeLayout(
          columns,
          40,
          2,
          0,
          headerHeight(layout, { cores: 2, pool: false, systemMeters: false, counters: false, rates: false, meters: { missing: {} } }, 1),
        );
        const lines = headerLines(s, null, [], screen, MONO_THEME, extras(layout));
        for (const line of lines) assert.ok(displayWidth(plain(line)) <= columns, `${displayWidth(plain(line))} cells: ${plain(line)}`);
        assert.ok(lines.length <= screen.headerHeight);
        const text = plain(lines.join('\n'));
        for (const word of ['Mem[', 'Swp: ', 'Load average', 'Time: ', 'Hostname: tiny^[[31mhost']) {
          if (columns >= 100) assert.ok(text.includes(word), `${word} in\n${text}`);
        }
        assert.doesNotMatch(lines.join(''), /\x1b\[31m/, 'the hostname is sanitized');
        // Each column starts at its share of the width.
        const first = plain(lines[0] ?? '');
        if (count > 1 && columns >= 100) {
          const starts = [...first.matchAll(/\S+/g)].map((m) => m.index);
          assert.ok(
            starts.includes(Math.floor(columns / count)) || starts.includes(Math.floor(columns / count) + 2),
            `column 2 at ${Math.floor(columns / count)}: ${first}`,
          );
        }
      });
    }
  }

  it('draws CPUs, memory and swap as text and as graphs, and the halves of the cores', () => {
    const layout: HeaderLayout = {
      columns: [
        [place('cpusLeft', 'text'), place('memory', 'graph')],
        [place('cpusRight', 'graph'), place('swap', 'graph')],
      ],
    };
    const s = sample([info(1)], { cpus: cores(4) });
    const screen = computeLayout(120, 40, 4, 0, 3);
    const lines = headerLines(s, null, [], screen, COLOR_THEME, extras(layout)).map(plain);
    assert.match(lines[0]!, /^ {2}0: 16\.0% usr:10\.0 sys:5\.0 ni:1\.0 +2 .* 18\.0%$/);
    assert.match(lines[1]!, /^ {2}1: 17\.0%.* {2}3 .* 19\.0%$/);
    assert.match(lines[2]!, /^Mem +2G\/8G Swp +0\/0$/);
    assert.equal(headerHeight(layout, { cores: 4, pool: false, systemMeters: false, counters: false, rates: false, meters: { missing: {} } }, 1), 3);
  });

  it('draws an empty header as no lines, and a narrow one without breaking a line', async () => {
    const store = createAppStore({ headerLayout: { columns: [[], [], [], []] } });
    store.getState().applySample(sample([info(1, { command: 'only-one' })]));
    const { lastFrame, unmount } = renderWithStore(<App ctx={testContext(store)} />, store);
    const frame = plain(await waitForFrame(lastFrame, /only-one/));
    assert.match(frame.split('\n')[1] ?? '', /PID/, 'the titles right under the blank line');
    unmount();
    const narrow = createAppStore({
      headerLayout: { columns: [[place('cpus', 'bar'), place('clock')], [place('memory', 'text')], [place('swap', 'graph')], [place('load')]] },
    });
    narrow.getState().applySample(sample([info(1)], { cpus: cores(2) }));
    const small = renderWithStore(<Header layout={computeLayout(40, 30, 2, 0, 3)} />, narrow);
    const drawn = plain(await waitForFrame(small.lastFrame, /Time/)).split('\n');
    for (const line of drawn) assert.ok(displayWidth(line) <= 40, line);
    small.unmount();
  });
});
