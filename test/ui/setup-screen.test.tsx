import './force-color.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { watchSettingsChanges } from '../../src/cli/settings-changes.js';
import { createAppStore } from '../../src/store/app-store.js';
import { App } from '../../src/ui/app.js';
import { columnEntryIds, DELAY_STEPS } from '../../src/ui/setup-entries.js';
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
});
