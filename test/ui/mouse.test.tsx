import './force-color.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAppStore } from '../../src/store/app-store.js';
import { App } from '../../src/ui/app.js';
import { info, sample } from '../model/fixtures.js';
import { highlightedPid, plain, renderWithStore } from './render-with-store.js';
import { testContext } from './test-context.js';
import { waitForFrame, waitUntil } from './wait-for-frame.js';

const press = (x: number, y: number, button = 0) => `\x1b[<${button};${x + 1};${y + 1}M`;

async function setup() {
  const store = createAppStore({ sortKey: 'pid' });
  store.getState().applySample(sample(Array.from({ length: 12 }, (_, i) => info(10 + i, { command: `proc ${i}`, rss: (12 - i) * 1024 * 1024 }))));
  const ctx = testContext(store);
  const rendered = renderWithStore(<App ctx={ctx} />, store);
  const frame = await waitForFrame(rendered.lastFrame, /proc 11/, 'the first frame');
  const lines = plain(frame).split('\n');
  const titleY = lines.findIndex((l) => /^\s+PID\S*\s+PPID/.test(l));
  return { ...rendered, store, ctx, titleY, lines };
}

describe('the mouse in the app', () => {
  it('selects a row, sorts on a title (inverting the second time) and scrolls with the wheel', async () => {
    const { store, stdin, lastFrame, titleY, lines, unmount } = await setup();
    stdin.write(press(2, titleY + 3));
    await waitForFrame(lastFrame, (f) => highlightedPid(f) === 12, 'PID 12 selected');
    stdin.write(press(lines[titleY]!.indexOf('RES') + 1, titleY));
    await waitUntil(() => store.getState().view.sort.key === 'res' && !store.getState().view.sort.inverted, 'sorted by RES');
    stdin.write(press(lines[titleY]!.indexOf('RES') + 1, titleY));
    await waitUntil(() => store.getState().view.sort.inverted, 'RES inverted');
    store.getState().moveTo(0);
    stdin.write(`\x1b[<65;5;${titleY + 3}M`);
    await waitUntil(() => store.getState().cursor.index === 3, 'three rows down');
    stdin.write(`\x1b[<64;5;${titleY + 3}M`);
    await waitUntil(() => store.getState().cursor.index === 0, 'and up');
    unmount();
  });

  it('runs the key of the key bar clicked, and a double-click on a row runs what Enter runs there: the details view', async () => {
    const { store, stdin, lastFrame, titleY, unmount } = await setup();
    const bar = plain(lastFrame())
      .split('\n')
      .findIndex((l) => l.startsWith('F1Help'));
    stdin.write(press(plain(lastFrame()).split('\n')[bar]!.indexOf('F5Tree') + 1, bar));
    await waitUntil(() => store.getState().view.tree, 'F5 on the bar: tree view');
    stdin.write(press(3, titleY + 2) + press(3, titleY + 2));
    await waitUntil(() => store.getState().mode === 'details', 'the double-click opens the details view');
    assert.equal(store.getState().cursor.index, 1, 'of the row clicked');
    assert.equal(store.getState().details?.target.pid, store.getState().visible[1]?.pid);
    unmount();
  });

  it('ignores clicks while a question is asked or a prompt is open', async () => {
    const { store, stdin, titleY, unmount } = await setup();
    stdin.write('/');
    await waitUntil(() => store.getState().mode === 'search', 'the search prompt');
    stdin.write(press(3, titleY + 4));
    stdin.write('x');
    await waitUntil(() => store.getState().view.search.query === 'x', 'typed x');
    assert.equal(store.getState().cursor.index, 0, 'the click moved nothing');
    unmount();
  });

  it('does not choose the entry a menu opened on with one click: the signal menu needs a second', async () => {
    // A PID above any pid_max: should anything be sent after all, the target check refuses it.
    const store = createAppStore();
    store.getState().applySample(sample([info(99_999_999, { command: 'nobody' })]));
    const ctx = testContext(store);
    const { stdin, lastFrame, unmount } = renderWithStore(<App ctx={ctx} />, store);
    await waitForFrame(lastFrame, /nobody/, 'the first frame');
    stdin.write('k');
    await waitUntil(() => store.getState().mode === 'signal', 'the signal menu');
    const index = store.getState().menuIndex;
    const frame = plain(await waitForFrame(lastFrame, /Send signal to PID/, 'the menu drawn'));
    const line = frame.split('\n').findIndex((l) => /^ ?•?\s*15\b|SIGTERM/.test(l) && !/Send signal/.test(l));
    assert.ok(line > 0, 'SIGTERM listed');
    // The click, then the wheel: once the wheel has moved the menu, the click has been handled.
    stdin.write(press(3, line) + `\x1b[<65;3;${line + 1}M`);
    await waitUntil(() => store.getState().menuIndex === index + 3, 'the wheel after the click');
    assert.equal(store.getState().mode, 'signal', 'one click on the highlighted SIGTERM chose nothing');
    stdin.write(press(3, line) + press(3, line));
    await waitUntil(() => store.getState().mode !== 'signal', 'a double-click chooses');
    unmount();
  });
});
