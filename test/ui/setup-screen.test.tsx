import './force-color.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { watchSettingsChanges } from '../../src/cli/settings-changes.js';
import { createAppStore } from '../../src/store/app-store.js';
import { App } from '../../src/ui/app.js';
import { DEFAULT_HEADER_LAYOUT, METER_IDS } from '../../src/model/header-layout.js';
import { columnEntryIds, DELAY_STEPS, METERS_SECTION, SCREENS_SECTION } from '../../src/ui/setup-entries.js';
import { info, sample } from '../model/fixtures.js';
import { plain, renderWithStore } from './render-with-store.js';
import { testContext } from './test-context.js';
import { waitForFrame, waitUntil, type FrameCondition } from './wait-for-frame.js';

const KEYS = {
  down: '\x1b[B',
  up: '\x1b[A',
  right: '\x1b[C',
  left: '\x1b[D',
  home: '\x1b[1~',
  end: '\x1b[4~',
  f2: '\x1bOQ',
  f7: '\x1b[18~',
  f8: '\x1b[19~',
  f9: '\x1b[20~',
  esc: '\x1b',
};

async function setup() {
  const store = createAppStore({ sortKey: 'pid' });
  store.getState().applySample(sample([info(1, { command: '/sbin/init', pgrp: 1 }), info(20, { command: 'bash', pgrp: 20 })]));
  const changes = watchSettingsChanges(store);
  const rendered = renderWithStore(<App ctx={testContext(store)} />, store);
  const frame = (condition: FrameCondition, what?: string) => waitForFrame(rendered.lastFrame, condition, what);
  await frame(/bash/, 'the first frame');
  /** Writes a key and waits for the store to have taken it (Esc is let go 50 ms later). */
  const press = async (key: string, until: () => boolean, what: string) => {
    rendered.stdin.write(key);
    await waitUntil(until, what);
  };
  return { ...rendered, store, changes, frame, press };
}

const titles = (frame: string) =>
  (
    plain(frame)
      .split('\n')
      .find((l) => /\bUSER\b.*\bCommand\b/.test(l)) ?? ''
  )
    .trim()
    .split(/\s+/);

describe('the setup screen', () => {
  it('opens with F2, lists the shown columns first, and adds, moves and removes columns', async () => {
    const { store, press, frame, changes, unmount } = await setup();
    await press(KEYS.f2, () => store.getState().mode === 'setup', 'setup open');
    await frame(/Display options/);
    await press(KEYS.down, () => store.getState().setup.section === 1, 'the Columns section');
    await press(KEYS.right, () => store.getState().setup.focus === 'items', 'in the list');
    const pgrp = columnEntryIds(store.getState().view.columns).indexOf('pgrp');
    assert.equal(pgrp, 14, 'PGRP is first of the columns not shown');
    for (let i = 0; i < pgrp; i++) await press(KEYS.down, () => store.getState().setup.item === i + 1, `entry ${i + 1}`);
    await press('\r', () => store.getState().view.columns.includes('pgrp'), 'PGRP added');
    assert.deepEqual(store.getState().view.columns.slice(-3), ['core', 'pgrp', 'command'], 'added before the command');
    await press(KEYS.up, () => store.getState().setup.item === 13, 'on PGRP');
    await press(KEYS.f7, () => store.getState().view.columns.indexOf('pgrp') === 12, 'PGRP moved left');
    await press(']', () => store.getState().view.columns.indexOf('pgrp') === 13, 'and right again with ]');
    await press(KEYS.home, () => store.getState().setup.item === 0, 'on PID');
    await press(KEYS.f9, () => !store.getState().view.columns.includes('pid'), 'PID removed');
    await press(KEYS.esc, () => store.getState().mode === 'main', 'back on the main screen');
    const drawn = await frame((f) => titles(f).includes('PGRP'), 'PGRP drawn');
    assert.deepEqual(titles(drawn).slice(0, 2), ['PPID', 'USER']);
    assert.deepEqual(Object.keys(changes.values()), ['columns']);
    unmount();
  });

  it('adds the CPU graph column, off by default, and the table draws it filling as samples come', async () => {
    const { store, press, frame, changes, unmount } = await setup();
    assert.ok(!store.getState().view.columns.includes('cpugraph'));
    await press(KEYS.f2, () => store.getState().mode === 'setup', 'setup open');
    await press(KEYS.down, () => store.getState().setup.section === 1, 'the Columns section');
    await press(KEYS.right, () => store.getState().setup.focus === 'items', 'in the list');
    await press(KEYS.end, () => columnEntryIds(store.getState().view.columns)[store.getState().setup.item] === 'cpugraph', 'on CPU graph, the last');
    await frame(/CPU graph\s+CPU% over the last 10 refreshes/, 'listed with what it is');
    await press('\r', () => store.getState().view.columns.includes('cpugraph'), 'CPU graph added');
    await press(KEYS.esc, () => store.getState().mode === 'main', 'back on the main screen');
    for (let t = 1; t <= 3; t++)
      store.getState().applySample(sample([info(1, { command: '/sbin/init', cpuTime: t }), info(20, { command: 'bash' })], { monotonic: t * 1000 }));
    // The first sample after the column was added is one block; three are three.
    const drawn = await frame((f) => titles(f).includes('graph') && /███ \/sbin\/init/.test(plain(f)), 'the column drawn, filling');
    assert.match(plain(drawn), /^\s+1 .* 100 .* {7}███ \/sbin\/init/m);
    assert.match(plain(drawn), /^\s+20 .* {10} bash/m, 'an idle process: blank');
    assert.deepEqual(changes.values().columns?.at(-2), 'cpugraph', 'saved, before the command');
    unmount();
  });

  it('keeps the command last and at least one column', async () => {
    const { store, press, unmount } = await setup();
    store.getState().setColumns(['pid', 'command']);
    await press(KEYS.f2, () => store.getState().mode === 'setup', 'setup open');
    await press(KEYS.down, () => store.getState().setup.section === 1, 'Columns');
    await press(KEYS.right, () => store.getState().setup.focus === 'items', 'in the list');
    await press(KEYS.down, () => store.getState().setup.item === 1, 'on Command');
    await press(KEYS.f7, () => /always the last/.test(store.getState().message?.text ?? ''), 'told why not');
    assert.deepEqual(store.getState().view.columns, ['pid', 'command']);
    await press(KEYS.f9, () => store.getState().view.columns.length === 1, 'Command removed');
    await press(KEYS.up, () => store.getState().setup.item === 0, 'on PID');
    await press(KEYS.f9, () => /at least one column/.test(store.getState().message?.text ?? ''), 'told why not');
    assert.deepEqual(store.getState().view.columns, ['pid']);
    unmount();
  });

  it('chooses a colour scheme and the tree view, and steps the interval', async () => {
    const { store, press, frame, unmount } = await setup();
    await press('S', () => store.getState().mode === 'setup', 'setup open with S');
    await press(KEYS.right, () => store.getState().setup.focus === 'items', 'in Display options');
    await press(' ', () => store.getState().view.tree, 'tree view on');
    await press(KEYS.down, () => store.getState().setup.item === 1, 'the interval');
    await press('+', () => store.getState().delayTenths === 15, '1.5 s');
    await press('-', () => store.getState().delayTenths === 10, '1.0 s');
    await press('-', () => store.getState().delayTenths === 5, '0.5 s');
    await frame(/Update interval\s+0\.5 s/);
    store.getState().setDelay(DELAY_STEPS.at(-1)!);
    await press('\r', () => store.getState().delayTenths === DELAY_STEPS[0], 'Enter wraps round');
    await press(KEYS.left, () => store.getState().setup.focus === 'sections', 'back to the sections');
    await press(KEYS.down + KEYS.down, () => store.getState().setup.section === 2, 'Colors');
    await frame(/\(•\) default/);
    await press(KEYS.right + KEYS.end, () => store.getState().setup.item === 4, 'the last scheme');
    await press('\r', () => store.getState().colorScheme === 'nord', 'nord chosen');
    await frame(/\(•\) nord/);
    unmount();
  });

  it("toggles the display options htop's F2 has, each as its key does: kernel and user threads, CPU graphs, the graphs panel", async () => {
    const { store, press, frame, changes, unmount } = await setup();
    await press(KEYS.f2, () => store.getState().mode === 'setup', 'setup open');
    await press(KEYS.right, () => store.getState().setup.focus === 'items', 'in Display options');
    await frame(/\[x\] Hide kthreads/);
    await press(KEYS.down + KEYS.down, () => store.getState().setup.item === 2, 'on Hide kernel threads');
    await press('\r', () => !store.getState().view.hideKernelThreads, 'kernel threads shown');
    await press(KEYS.down, () => store.getState().setup.item === 3, 'on Hide userland threads');
    await press(' ', () => !store.getState().view.hideUserlandThreads, 'user threads shown');
    await press(KEYS.down, () => store.getState().setup.item === 4, 'on CPU meters as graphs');
    await press('\r', () => store.getState().graphs.cpuMeter === 'graph', 'CPU meters as graphs');
    await press(KEYS.down, () => store.getState().setup.item === 5, 'on Graphs panel');
    await press('\r', () => store.getState().graphs.panel, 'graphs panel on');
    await frame(/\[ \] Hide kthreads[\s\S]*\[x\] Graphs panel/);
    assert.deepEqual(
      Object.keys(changes.values()).sort(),
      ['cpuMeter', 'graphsPanel', 'hideKernelThreads', 'hideUserlandThreads'],
      'saved as the keys save them',
    );
    unmount();
  });

  it('chooses the header meters: columns, modes, adding to a column, moving, removing, and refuses one the machine lacks', async () => {
    const { store, press, frame, changes, unmount } = await setup();
    store.getState().setMeters({ missing: { temperatures: 'no sensor in /sys/class/hwmon' } });
    const layout = () => store.getState().headerLayout;
    const meters = (column: number) => layout().columns[column]?.map((m) => `${m.meter}:${m.mode}`);
    await press(KEYS.f2, () => store.getState().mode === 'setup', 'setup open');
    for (let i = 1; i <= METERS_SECTION; i++) await press(KEYS.down, () => store.getState().setup.section === i, `section ${i}`);
    await press(KEYS.right, () => store.getState().setup.focus === 'items', 'in the Meters list');
    await frame(/Header layout\s+2 columns[\s\S]*\(•\) Default layout[\s\S]*\[x\] CPUs \(all\)\s+column 1 · Bar/, 'the default layout listed');
    await press('\r', () => layout().columns.length === 3, 'Enter: three columns');
    await press('-', () => layout().columns.length === 2, '-: two again');
    await press(KEYS.down + KEYS.down, () => store.getState().setup.item === 2, 'on CPUs (all)');
    await press(' ', () => meters(0)?.[0] === 'cpus:text', 'Space: text');
    await press(' ', () => meters(0)?.[0] === 'cpus:graph', 'Space: graph');
    await press(KEYS.down, () => store.getState().setup.item === 3, 'on Memory');
    await press(KEYS.f9, () => meters(0)?.join() === 'cpus:graph,swap:bar', 'Memory removed');
    await press(KEYS.f8, () => meters(1)?.[0] === 'swap:bar', 'Swap moved down into column 2 (F8)');
    await press('[', () => meters(0)?.join() === 'cpus:graph,swap:bar', 'and up again ([)');
    const placed = layout().columns.flat().length;
    const clock = 2 + placed + METER_IDS.indexOf('clock');
    for (let item = store.getState().setup.item; item < clock; item++)
      await press(KEYS.down, () => store.getState().setup.item === item + 1, `entry ${item + 1}`);
    await frame(/\[ \] Clock/);
    await press('2', () => meters(1)?.at(-1) === 'clock:text', 'Clock added to column 2');
    const temperature = 2 + placed + 1 + METER_IDS.indexOf('temperature');
    for (let item = store.getState().setup.item; item < temperature; item++)
      await press(KEYS.down, () => store.getState().setup.item === item + 1, `entry ${item + 1}`);
    await frame(/Temperature\s+not available here, because no sensor in \/sys\/class\/hwmon/);
    await press('\r', () => /Temperature is not available here/.test(store.getState().message?.text ?? ''), 'told why not');
    assert.equal(
      layout()
        .columns.flat()
        .filter((m) => m.meter === 'temperature').length,
      0,
    );
    await press(KEYS.esc, () => store.getState().mode === 'main', 'back on the main screen');
    await frame(/Time: \d\d:\d\d:\d\d/, 'the clock in the header');
    assert.deepEqual(Object.keys(changes.values()), ['headerLayout']);
    await press(KEYS.f2, () => store.getState().mode === 'setup', 'setup again');
    await press(KEYS.right + KEYS.home, () => store.getState().setup.item === 0 && store.getState().setup.focus === 'items', 'back in the Meters page');
    await press(KEYS.down + '\r', () => layout() === DEFAULT_HEADER_LAYOUT, 'Enter on Default layout');
    unmount();
  });

  it('shows, adds, renames and removes screens, and the Columns page edits the screen shown', async () => {
    const { store, press, frame, changes, unmount } = await setup();
    await frame(/\[Main\] {2}I\/O/, 'the tabs above the table');
    await press(KEYS.f2, () => store.getState().mode === 'setup', 'setup open');
    for (let i = 1; i <= SCREENS_SECTION; i++) await press(KEYS.down, () => store.getState().setup.section === i, `section ${i}`);
    await press(KEYS.right, () => store.getState().setup.focus === 'items', 'in the Screens list');
    await frame(/\(•\) Main\s+14 columns, sorted by PID[\s\S]*\( \) I\/O\s+6 columns, sorted by DISK R\/W[\s\S]*New screen/);
    await press(KEYS.down + '\r', () => store.getState().screen === 1, 'I/O shown');
    assert.deepEqual(store.getState().view.columns, ['pid', 'user', 'iorate', 'ioread', 'iowrite', 'command']);
    await press('r', () => store.getState().setup.rename === 'I/O', 'renaming');
    await press('\x7f\x7f\x7f', () => store.getState().setup.rename === '', 'name erased');
    await press('\r', () => /1 to 20 cells/.test(store.getState().message?.text ?? ''), 'an empty name refused');
    await press('x'.repeat(21), () => store.getState().setup.rename?.length === 21, 'typed 21 letters');
    await press(
      '\r',
      () => /1 to 20 cells/.test(store.getState().message?.text ?? '') && store.getState().setup.rename !== undefined,
      'too long: refused, still typing',
    );
    await press('\x7f'.repeat(21), () => store.getState().setup.rename === '', 'erased');
    await press(
      '\x1b[200~Di\x1b[31msk\x1b[201~',
      () => /paste ignored/.test(store.getState().message?.text ?? ''),
      'a paste goes only into the search and filter prompts',
    );
    await press('Disk', () => store.getState().setup.rename === 'Disk', 'typed');
    await frame(/\(•\) Disk_/, 'the name as typed');
    await press('\r', () => store.getState().screens[1]?.name === 'Disk', 'renamed');
    await press(KEYS.down + ' ', () => store.getState().screens.length === 3 && store.getState().screen === 2, 'a new screen, shown');
    await press(KEYS.left, () => store.getState().setup.focus === 'sections', 'to the sections');
    for (let i = SCREENS_SECTION - 1; i >= 1; i--) await press(KEYS.up, () => store.getState().setup.section === i, `section ${i}`);
    await press(KEYS.right, () => store.getState().setup.focus === 'items', 'the Columns page');
    await press(KEYS.f9, () => store.getState().view.columns[0] === 'user', 'PID removed from the new screen');
    await press(KEYS.esc, () => store.getState().mode === 'main', 'back on the main screen');
    await frame(/ Main {3}Disk {2}\[Screen 3\]/, 'three tabs');
    await press('\t', () => store.getState().screen === 0, 'Tab goes round to Main');
    assert.equal(store.getState().view.columns[0], 'pid', "Main's columns as they were");
    await press('\x1b[Z', () => store.getState().screen === 2, 'Shift-Tab back to Screen 3');
    assert.equal(store.getState().view.columns[0], 'user');
    assert.deepEqual(Object.keys(changes.values()).sort(), ['screens']);
    assert.deepEqual(
      changes.values().screens?.map((s) => s.name),
      ['Disk', 'Screen 3'],
    );
    await press(KEYS.f2, () => store.getState().mode === 'setup', 'setup again');
    for (let i = 2; i <= SCREENS_SECTION; i++) await press(KEYS.down, () => store.getState().setup.section === i, `section ${i}`);
    await press(KEYS.right + KEYS.down + KEYS.f9, () => store.getState().screens.length === 2, 'Disk removed');
    await press(KEYS.home + KEYS.f9, () => /the first screen stays/.test(store.getState().message?.text ?? ''), 'Main stays');
    assert.deepEqual(
      store.getState().screens.map((s) => s.name),
      ['Main', 'Screen 3'],
    );
    unmount();
  });
});
