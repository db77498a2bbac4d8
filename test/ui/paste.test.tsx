// Pastes and keys that come in one read, through Ink's own input handling (ink-testing-library's
// stdin goes through Ink's parser as a terminal's reads do).
import './force-color.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAppStore } from '../../src/store/app-store.js';
import { App } from '../../src/ui/app.js';
import { PASTE_END, PASTE_START } from '../../src/ui/input-decoder.js';
import { info, sample } from '../model/fixtures.js';
import { highlightedPid, plain, renderWithStore } from './render-with-store.js';
import { testContext } from './test-context.js';
import { waitForFrame, type FrameCondition } from './wait-for-frame.js';

/** The app on four processes, sorted by PID, once its first frame is drawn. */
async function setup() {
  const store = createAppStore({ sortKey: 'pid' });
  store
    .getState()
    .applySample(
      sample([info(1, { command: '/sbin/init' }), info(20, { command: 'bash' }), info(30, { command: 'sleep 987654' }), info(40, { command: 'vim notes' })]),
    );
  // Every signal the app would send goes through deliver, which asks for a refresh after it.
  let delivered = 0;
  const ctx = testContext(store, { services: { startedByPooltop: () => false, signalSent: () => {}, refreshSoon: () => delivered++ } });
  const rendered = renderWithStore(<App ctx={ctx} />, store);
  const frame = (condition: FrameCondition, what?: string) => waitForFrame(rendered.lastFrame, condition, what);
  await frame(/vim notes/, 'the first frame');
  return { ...rendered, delivered: () => delivered, pool: ctx.pool, frame };
}

const paste = (text: string): string => `${PASTE_START}${text}${PASTE_END}`;

/**
 * Writes `input` as two reads cut at `at`. The first is handled on its own before the second comes:
 * Ink hands on a piece it holds (a lone Esc) on the next turn of the event loop, and the input
 * decoder then holds it for the rest of the paste.
 */
async function writeSplit(stdin: { write(data: string): void }, input: string, at: number): Promise<void> {
  stdin.write(input.slice(0, at));
  await new Promise((resolve) => setImmediate(resolve));
  stdin.write(input.slice(at));
}

describe('a paste', () => {
  it('of k⏎y in the main screen opens nothing and sends nothing, and says it was ignored', async () => {
    const { stdin, store, delivered, frame, unmount } = await setup();
    stdin.write(paste('k\ry'));
    const ignored = plain(await frame(/paste ignored/));
    assert.equal(store.getState().mode, 'main');
    assert.equal(delivered(), 0);
    assert.match(ignored, /paste ignored: "k\^My" \(3 characters\); a paste goes only into the \/ \\ and & prompts/);
    stdin.write(paste('kill -9 4242\ryes\r'));
    await frame(/paste ignored: "kill/);
    assert.equal(store.getState().mode, 'main');
    assert.equal(delivered(), 0);
    unmount();
  });

  it('cut over two reads at any point is still one paste, never keys', async () => {
    const { stdin, store, delivered, frame, unmount } = await setup();
    const input = paste('k\ry');
    for (let at = 1; at < input.length; at++) {
      store.setState({ message: null });
      await writeSplit(stdin, input, at);
      await frame(() => store.getState().message !== null, `the paste cut at ${at} taken`);
      assert.equal(store.getState().mode, 'main', `cut at ${at}`);
      assert.match(store.getState().message?.text ?? '', /^paste ignored: "k\^My"/, `cut at ${at}`);
    }
    assert.equal(delivered(), 0);
    unmount();
  });

  it('goes into the search prompt, without its control characters, and searches for it', async () => {
    const { stdin, store, frame, unmount } = await setup();
    stdin.write('/');
    await frame(/Search:/);
    stdin.write(paste('sleep 98\r\n'));
    const found = await frame(/Search: sleep 98/);
    assert.equal(store.getState().mode, 'search');
    assert.equal(store.getState().view.search.query, 'sleep 98');
    assert.equal(highlightedPid(found), 30);
    assert.match(plain(found), /Search: sleep 98/);
    // Cut anywhere, the paste is the same text.
    const input = paste('vim no');
    for (let at = 1; at < input.length; at++) {
      store.getState().cancelSearch();
      store.getState().beginSearch();
      await writeSplit(stdin, input, at);
      await frame(() => store.getState().view.search.query !== '', `the paste cut at ${at} typed`);
      assert.equal(store.getState().view.search.query, 'vim no', `cut at ${at}`);
    }
    unmount();
  });

  it('goes into the filter prompt', async () => {
    const { stdin, store, frame, unmount } = await setup();
    stdin.write('\\');
    await frame(/Filter:/);
    stdin.write(paste('bash'));
    await frame(/Filter: bash/);
    assert.equal(store.getState().view.filterText, 'bash');
    assert.deepEqual(
      store.getState().visible.map((r) => r.pid),
      [20],
    );
    unmount();
  });

  it('does not answer an open confirmation', async () => {
    const { stdin, store, delivered, frame, unmount } = await setup();
    stdin.write('k');
    await frame(/Send signal/);
    stdin.write('\r');
    await frame(/y to send/);
    assert.equal(store.getState().mode, 'confirm');
    stdin.write(paste('y'));
    await frame(/paste ignored/);
    assert.equal(store.getState().mode, 'confirm');
    assert.equal(delivered(), 0);
    unmount();
  });
});

describe('keys in one read (a paste without brackets, or keys typed while pooltop was busy)', () => {
  it('after the k that opened the signal menu are dropped: k⏎y in one read sends nothing', async () => {
    const { stdin, store, delivered, frame, unmount } = await setup();
    stdin.write('k\ry');
    const dropped = plain(await frame(/ignored 2 keys/));
    assert.equal(store.getState().mode, 'signal');
    assert.equal(delivered(), 0);
    assert.match(dropped, /ignored 2 keys that came in with the one that opened this/);
    unmount();
  });

  it('after the Enter that asked do not answer the question; a later y does', async () => {
    const { stdin, store, delivered, frame, unmount } = await setup();
    stdin.write('k');
    await frame(/Send signal/);
    stdin.write('\ry');
    await frame(/ignored 1 key/);
    assert.equal(store.getState().mode, 'confirm');
    assert.equal(delivered(), 0);
    stdin.write('y');
    await frame(/refused/);
    assert.equal(store.getState().mode, 'main');
    assert.equal(delivered(), 1, 'y on its own answers (PID 1 is then refused as init)');
    assert.match(store.getState().message?.text ?? '', /refused: 1 is init/);
    unmount();
  });

  it('after the w that opened the pool menu are dropped: w⏎ in one read starts no pool', async () => {
    const { stdin, store, pool, frame, unmount } = await setup();
    stdin.write('w\r');
    await frame(/ignored 1 key/);
    assert.equal(store.getState().mode, 'pool');
    assert.deepEqual(pool.calls, []);
    unmount();
  });

  it('still type into a prompt: "/sleep" in one read searches for "sleep"', async () => {
    const { stdin, store, frame, unmount } = await setup();
    stdin.write('/sleep');
    await frame(/Search: sleep/);
    assert.equal(store.getState().view.search.query, 'sleep');
    unmount();
  });
});
