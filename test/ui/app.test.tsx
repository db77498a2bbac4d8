import './force-color.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAppStore } from '../../src/store/app-store.js';
import { App } from '../../src/ui/app.js';
import { helpLines } from '../../src/ui/help-screen.js';
import { KEY_TABLE } from '../../src/ui/key-table.js';
import { info, sample } from '../model/fixtures.js';
import { frameWhere, highlightedPid, plain, renderWithStore, tick } from './render-with-store.js';
import { testContext } from './test-context.js';

function setup() {
  const store = createAppStore({ sortKey: 'pid' });
  store.getState().applySample(
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
  return { ...rendered, quits: () => ctx.quits, ctx };
}

describe('App', () => {
  it('draws header, table, message line and key bar', async () => {
    const { lastFrame, unmount } = setup();
    await tick();
    const text = plain(lastFrame());
    assert.match(text, / 0\[/);
    assert.match(text, /Mem\[/);
    assert.match(text, /PID\s+PPID USER/);
    assert.match(text, /sleep 987654/);
    const bar = KEY_TABLE.filter((b) => b.footer).map((b) => b.footer!).sort((a, b) => a.order - b.order);
    assert.match(text, new RegExp(bar.map((f) => `${f.key}${f.word}`).join('\\s*')));
    unmount();
  });

  it('moves the selection with the arrow keys, Home and End', async () => {
    const { lastFrame, stdin, unmount } = setup();
    await tick();
    assert.equal(highlightedPid(lastFrame()), 1);
    stdin.write('\x1b[B');
    await tick();
    assert.equal(highlightedPid(lastFrame()), 20);
    stdin.write('\x1b[4~');
    await tick();
    assert.equal(highlightedPid(lastFrame()), 50);
    stdin.write('\x1b[1~');
    await tick();
    assert.equal(highlightedPid(lastFrame()), 1);
    unmount();
  });

  it('searches with / and moves the selection to the match, n to the next', async () => {
    const { lastFrame, stdin, unmount } = setup();
    await tick();
    stdin.write('/');
    await tick();
    for (const ch of 'sleep') {
      stdin.write(ch);
      await tick(5);
    }
    await tick();
    assert.match(plain(lastFrame()), /Search: sleep/);
    assert.equal(highlightedPid(lastFrame()), 30);
    stdin.write('\r');
    await tick();
    stdin.write('n');
    await tick();
    assert.equal(highlightedPid(lastFrame()), 50);
    stdin.write('N');
    await tick();
    assert.equal(highlightedPid(lastFrame()), 30);
    unmount();
  });

  it('F3 opens search as / does, and Esc cancels back to where it was', async () => {
    const { lastFrame, stdin, unmount } = setup();
    await tick();
    stdin.write('\x1bOR');
    await tick();
    stdin.write('vim');
    await tick();
    assert.equal(highlightedPid(lastFrame()), 40);
    stdin.write('\x1b');
    await frameWhere(() => !/Search:/.test(plain(lastFrame())), 'the search cancelled');
    assert.equal(highlightedPid(lastFrame()), 1);
    assert.doesNotMatch(plain(lastFrame()), /Search:/);
    unmount();
  });

  it('filters with \\ and shows the filter in the status', async () => {
    const { lastFrame, stdin, unmount } = setup();
    await tick();
    stdin.write('\\');
    await tick();
    stdin.write('sleep');
    await tick();
    stdin.write('\r');
    await tick();
    const text = plain(lastFrame());
    assert.match(text, /sleep 987654/);
    assert.doesNotMatch(text, /vim notes/);
    assert.match(text, /\[filter "sleep"\] 2\/5/);
    unmount();
  });

  it('sorts with the F6 menu and with < >', async () => {
    const { lastFrame, stdin, store, unmount } = setup();
    await tick();
    stdin.write('\x1b[17~');
    await tick();
    assert.match(plain(lastFrame()), /Sort by/);
    stdin.write('\x1b[B');
    await tick();
    stdin.write('\r');
    await tick();
    assert.equal(store.getState().view.sort.key, 'ppid');
    assert.doesNotMatch(plain(lastFrame()), /Sort by/);
    stdin.write('>');
    await tick();
    assert.equal(store.getState().view.sort.key, 'user');
    stdin.write('P');
    await tick();
    assert.equal(store.getState().view.sort.key, 'cpu');
    unmount();
  });

  it('shows every key of the key table on the help screen, and any key returns', async () => {
    const { lastFrame, stdin, unmount } = setup();
    await tick();
    stdin.write('?');
    await tick();
    const help = plain(lastFrame());
    assert.match(help, /pooltop — an htop-like process monitor/);
    const shown = helpLines().slice(0, 21).map((l) => l.key.trim()).filter(Boolean);
    for (const key of shown) assert.ok(help.includes(key), `help shows ${key}`);
    assert.equal(helpLines().filter((l) => l.key).length, KEY_TABLE.length);
    stdin.write('x');
    await tick();
    assert.match(plain(lastFrame()), /F1Help/);
    unmount();
  });

  it('opens the signal menu with k and F9, jumps by number, and Esc cancels', async () => {
    const { lastFrame, stdin, store, unmount } = setup();
    await tick();
    stdin.write('k');
    await tick();
    let text = plain(lastFrame());
    assert.match(text, /Send signal to PID 1/);
    assert.match(text, /15 {2}SIGTERM +ask to terminate/);
    assert.match(text, / 9 {2}SIGKILL +terminate now/);
    stdin.write('9');
    await tick();
    assert.equal(store.getState().menuIndex, 4);
    stdin.write('\x1b');
    await frameWhere(() => !/Send signal/.test(plain(lastFrame())), 'the menu closed');
    text = plain(lastFrame());
    assert.doesNotMatch(text, /Send signal/);
    assert.match(text, /cancelled: no signal sent/);
    stdin.write('\x1b[20~');
    await tick();
    assert.match(plain(lastFrame()), /Send signal to PID 1/);
    unmount();
  });

  it('in the signal menu, a number not in the list highlights nothing and Enter sends nothing', async () => {
    const { lastFrame, stdin, store, unmount } = setup();
    await tick();
    stdin.write('k');
    await tick();
    stdin.write('7');
    await tick();
    let text = plain(lastFrame());
    assert.match(text, /Send signal to PID 1 {2}\[7: not in the list\]/);
    assert.equal(store.getState().menuIndex, -1);
    stdin.write('\r');
    await tick();
    assert.equal(store.getState().mode, 'signal', 'no question, nothing sent');
    assert.match(plain(lastFrame()), /no signal 7 in the list: nothing sent/);
    // 1 then 3 is 13, which is not in the list either: never 3 (SIGQUIT) in its place. (No signal
    // number begins with 7, so the 1 starts a new number.)
    stdin.write('1');
    await tick();
    stdin.write('3');
    await tick();
    assert.match(plain(lastFrame()), /\[13: not in the list\]/);
    // Moving forgets the number, so the heading never names another signal than Enter sends.
    stdin.write('\x1b[B');
    await tick();
    text = plain(lastFrame());
    assert.doesNotMatch(text, /Send signal to PID 1 +\[/);
    assert.equal(store.getState().menuIndex, 0);
    stdin.write('9');
    await tick();
    assert.match(plain(lastFrame()), /Send signal to PID 1 {2}\[9\]/);
    stdin.write('\x1b[A');
    await tick();
    assert.doesNotMatch(plain(lastFrame()), /\[9\]/);
    unmount();
  });

  it('asks for y in the footer before a destructive signal', async () => {
    const { lastFrame, stdin, store, unmount } = setup();
    await tick();
    store.getState().selectPid(30);
    stdin.write('k');
    await tick();
    stdin.write('\r');
    await tick();
    assert.match(plain(lastFrame()), /Send SIGTERM \(15\) to 30 sleep 987654\? — y to send, any other key cancels/);
    stdin.write('n');
    await tick();
    assert.match(plain(lastFrame()), /cancelled: no signal sent/);
    unmount();
  });

  it('tags with Space and shows the count', async () => {
    const { lastFrame, stdin, unmount } = setup();
    await tick();
    stdin.write(' ');
    await tick();
    stdin.write(' ');
    await tick();
    assert.match(plain(lastFrame()), /\[2 tagged\]/);
    stdin.write('U');
    await tick();
    assert.doesNotMatch(plain(lastFrame()), /tagged\]/);
    unmount();
  });

  it('quits on q, F10 and Ctrl-C', async () => {
    const { stdin, quits, unmount } = setup();
    await tick();
    stdin.write('q');
    stdin.write('\x1b[21~');
    stdin.write('\x03');
    await tick();
    assert.equal(quits(), 3);
    unmount();
  });
});
