import './force-color.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAppStore } from '../../src/store/app-store.js';
import { App } from '../../src/ui/app.js';
import { helpLines } from '../../src/ui/help-screen.js';
import { REPLAY_KEY_TABLE } from '../../src/ui/replay-keys.js';
import { KEY_TABLE } from '../../src/ui/key-table.js';
import { info, sample } from '../model/fixtures.js';
import { highlightedPid, plain, renderWithStore } from './render-with-store.js';
import { testContext } from './test-context.js';
import { waitForFrame, type FrameCondition } from './wait-for-frame.js';

/** The app on five processes, sorted by PID, once its first frame is drawn. */
async function setup() {
  const store = createAppStore({ sortKey: 'pid' });
  store
    .getState()
    .applySample(
      sample([
        info(1, { command: '/sbin/init' }),
        info(20, { command: 'bash' }),
        info(30, { command: 'sleep 987654' }),
        info(40, { command: 'vim notes' }),
        info(50, { command: 'sleep 5' }),
      ]),
    );
  const ctx = testContext(store);
  const rendered = renderWithStore(<App ctx={ctx} />, store);
  const frame = (condition: FrameCondition, what?: string) => waitForFrame(rendered.lastFrame, condition, what);
  await frame(/sleep 5/, 'the first frame');
  return { ...rendered, quits: () => ctx.quits, ctx, frame };
}

const selected =
  (pid: number): FrameCondition =>
  (f) =>
    highlightedPid(f) === pid;
const without =
  (pattern: RegExp): FrameCondition =>
  (f) =>
    !pattern.test(plain(f));

describe('App', () => {
  it('draws header, table, message line and key bar', async () => {
    const { lastFrame, unmount } = await setup();
    const text = plain(lastFrame());
    assert.match(text, / 0\[/);
    assert.match(text, /Mem\[/);
    assert.match(text, /PID[\s▽△]+PPID USER/);
    assert.match(text, /sleep 987654/);
    const bar = KEY_TABLE.filter((b) => b.footer)
      .map((b) => b.footer!)
      .sort((a, b) => a.order - b.order);
    assert.match(text, new RegExp(bar.map((f) => `${f.key}${f.word}`).join('\\s*')));
    unmount();
  });

  it('moves the selection with the arrow keys, Home and End', async () => {
    const { lastFrame, stdin, frame, unmount } = await setup();
    assert.equal(highlightedPid(lastFrame()), 1);
    stdin.write('\x1b[B');
    assert.equal(highlightedPid(await frame(selected(20), 'PID 20 selected')), 20);
    stdin.write('\x1b[4~');
    assert.equal(highlightedPid(await frame(selected(50), 'PID 50 selected')), 50);
    stdin.write('\x1b[1~');
    assert.equal(highlightedPid(await frame(selected(1), 'PID 1 selected')), 1);
    unmount();
  });

  it('searches with / and moves the selection to the match, n to the next', async () => {
    const { stdin, frame, unmount } = await setup();
    stdin.write('/');
    await frame(/Search:/);
    // One read a letter, as typed.
    let typed = '';
    for (const ch of 'sleep') {
      stdin.write(ch);
      typed += ch;
      await frame(new RegExp(`Search: ${typed}`));
    }
    const found = await frame(selected(30), 'PID 30 selected');
    assert.match(plain(found), /Search: sleep/);
    assert.equal(highlightedPid(found), 30);
    stdin.write('\r');
    await frame(without(/Search:/), 'the search kept');
    stdin.write('n');
    assert.equal(highlightedPid(await frame(selected(50), 'PID 50 selected')), 50);
    stdin.write('N');
    assert.equal(highlightedPid(await frame(selected(30), 'PID 30 selected')), 30);
    unmount();
  });

  it('F3 opens search as / does, and Esc cancels back to where it was', async () => {
    const { stdin, frame, unmount } = await setup();
    stdin.write('\x1bOR');
    await frame(/Search:/);
    stdin.write('vim');
    assert.equal(highlightedPid(await frame(selected(40), 'PID 40 selected')), 40);
    // A lone Esc takes effect only after the input decoder's wait.
    stdin.write('\x1b');
    const cancelled = await frame(without(/Search:/), 'the search cancelled');
    assert.equal(highlightedPid(cancelled), 1);
    assert.doesNotMatch(plain(cancelled), /Search:/);
    unmount();
  });

  it('filters with \\ and shows the filter in the status', async () => {
    const { stdin, frame, unmount } = await setup();
    stdin.write('\\');
    await frame(/Filter:/);
    stdin.write('sleep');
    await frame(/Filter: sleep/);
    stdin.write('\r');
    const text = plain(await frame(without(/Filter:/), 'the filter kept'));
    assert.match(text, /sleep 987654/);
    assert.doesNotMatch(text, /vim notes/);
    assert.match(text, /\[filter "sleep"\] 2\/5/);
    unmount();
  });

  it('sorts with the F6 menu and with < >', async () => {
    const { stdin, store, frame, unmount } = await setup();
    stdin.write('\x1b[17~');
    assert.match(plain(await frame(/Sort by/)), /Sort by/);
    stdin.write('\x1b[B');
    await frame(() => store.getState().menuIndex === 1, 'PPID highlighted');
    stdin.write('\r');
    const sorted = await frame(without(/Sort by/), 'the menu closed');
    assert.equal(store.getState().view.sort.key, 'ppid');
    assert.doesNotMatch(plain(sorted), /Sort by/);
    stdin.write('>');
    await frame(() => store.getState().view.sort.key !== 'ppid', 'the next sort column');
    assert.equal(store.getState().view.sort.key, 'user');
    stdin.write('P');
    await frame(() => store.getState().view.sort.key !== 'user', 'sorted by CPU%');
    assert.equal(store.getState().view.sort.key, 'cpu');
    unmount();
  });

  it('shows every key of the key table on the help screen, and any key returns', async () => {
    const { stdin, frame, unmount } = await setup();
    stdin.write('?');
    const help = plain(await frame(/pooltop — an htop-like/, 'the help screen'));
    assert.match(help, /pooltop — an htop-like process monitor/);
    const shown = helpLines()
      .slice(0, 21)
      .map((l) => l.key.trim())
      .filter(Boolean);
    for (const key of shown) assert.ok(help.includes(key), `help shows ${key}`);
    assert.equal(helpLines().filter((l) => l.key).length, KEY_TABLE.length + REPLAY_KEY_TABLE.length);
    stdin.write('x');
    assert.match(plain(await frame(/F1Help/, 'the key bar back')), /F1Help/);
    unmount();
  });

  it('opens the signal menu with k and F9, jumps by number, and Esc cancels', async () => {
    const { stdin, store, frame, unmount } = await setup();
    stdin.write('k');
    let text = plain(await frame(/Send signal/));
    assert.match(text, /Send signal to PID 1/);
    assert.match(text, /15 {2}SIGTERM +ask to terminate/);
    assert.match(text, / 9 {2}SIGKILL +terminate now/);
    stdin.write('9');
    await frame(/Send signal to PID 1 {2}\[9\]/);
    assert.equal(store.getState().menuIndex, 4);
    // A lone Esc takes effect only after the input decoder's wait.
    stdin.write('\x1b');
    text = plain(await frame(without(/Send signal/), 'the menu closed'));
    assert.doesNotMatch(text, /Send signal/);
    assert.match(text, /cancelled: no signal sent/);
    stdin.write('\x1b[20~');
    assert.match(plain(await frame(/Send signal/)), /Send signal to PID 1/);
    unmount();
  });

  it('in the signal menu, a number not in the list highlights nothing and Enter sends nothing', async () => {
    const { stdin, store, frame, unmount } = await setup();
    stdin.write('k');
    await frame(/Send signal/);
    stdin.write('7');
    let text = plain(await frame(/\[7/));
    assert.match(text, /Send signal to PID 1 {2}\[7: not in the list\]/);
    assert.equal(store.getState().menuIndex, -1);
    stdin.write('\r');
    const refused = plain(await frame(/nothing sent/));
    assert.equal(store.getState().mode, 'signal', 'no question, nothing sent');
    assert.match(refused, /no signal 7 in the list: nothing sent/);
    // 1 then 3 is 13, which is not in the list either: never 3 (SIGQUIT) in its place. (No signal
    // number begins with 7, so the 1 starts a new number.)
    stdin.write('1');
    await frame(/\[1\]/);
    stdin.write('3');
    assert.match(plain(await frame(/\[13/)), /\[13: not in the list\]/);
    // Moving forgets the number, so the heading never names another signal than Enter sends.
    stdin.write('\x1b[B');
    text = plain(await frame(without(/\[13/), 'the number forgotten'));
    assert.doesNotMatch(text, /Send signal to PID 1 +\[/);
    assert.equal(store.getState().menuIndex, 0);
    stdin.write('9');
    assert.match(plain(await frame(/\[9\]/)), /Send signal to PID 1 {2}\[9\]/);
    stdin.write('\x1b[A');
    assert.doesNotMatch(plain(await frame(without(/\[9\]/), 'the number forgotten')), /\[9\]/);
    unmount();
  });

  it('asks for y in the footer before a destructive signal', async () => {
    const { stdin, store, frame, unmount } = await setup();
    store.getState().selectPid(30);
    stdin.write('k');
    await frame(/Send signal to PID 30/);
    stdin.write('\r');
    assert.match(plain(await frame(/y to send/)), /Send SIGTERM \(15\) to 30 sleep 987654\? — y to send, any other key cancels/);
    stdin.write('n');
    assert.match(plain(await frame(/cancelled/)), /cancelled: no signal sent/);
    unmount();
  });

  it('tags with Space and shows the count', async () => {
    const { stdin, frame, unmount } = await setup();
    stdin.write(' ');
    await frame(/\[1 tagged\]/);
    stdin.write(' ');
    assert.match(plain(await frame(/\[2 tagged\]/)), /\[2 tagged\]/);
    stdin.write('U');
    assert.doesNotMatch(plain(await frame(without(/tagged\]/), 'no tags')), /tagged\]/);
    unmount();
  });

  it('quits on q, F10 and Ctrl-C', async () => {
    const { stdin, quits, frame, unmount } = await setup();
    stdin.write('q');
    stdin.write('\x1b[21~');
    stdin.write('\x03');
    await frame(() => quits() === 3, 'three quits');
    assert.equal(quits(), 3);
    unmount();
  });
});
