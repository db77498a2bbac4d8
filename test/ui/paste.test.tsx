// Pastes and keys that come in one read, through Ink's own input handling (ink-testing-library's
// stdin goes through Ink's parser as a terminal's reads do).
import './force-color.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAppStore } from '../../src/store/app-store.js';
import { App } from '../../src/ui/app.js';
import { PASTE_END, PASTE_START } from '../../src/ui/input-decoder.js';
import { info, sample } from '../model/fixtures.js';
import { highlightedPid, plain, renderWithStore, tick } from './render-with-store.js';
import { testContext } from './test-context.js';

function setup() {
  const store = createAppStore({ sortKey: 'pid' });
  store.getState().applySample(
    sample([info(1, { command: '/sbin/init' }), info(20, { command: 'bash' }), info(30, { command: 'sleep 987654' }), info(40, { command: 'vim notes' })]),
  );
  // Every signal the app would send goes through deliver, which asks for a refresh after it.
  let delivered = 0;
  const ctx = testContext(store, { services: { startedByPooltop: () => false, signalSent: () => {}, refreshSoon: () => delivered++ } });
  const rendered = renderWithStore(<App ctx={ctx} />, store);
  return { ...rendered, delivered: () => delivered, pool: ctx.pool };
}

const paste = (text: string): string => `${PASTE_START}${text}${PASTE_END}`;

/** Writes `input` as two reads cut at `at`, letting Ink hand over what the first read left pending. */
async function writeSplit(stdin: { write(data: string): void }, input: string, at: number): Promise<void> {
  stdin.write(input.slice(0, at));
  await tick(5);
  stdin.write(input.slice(at));
  await tick();
}

describe('a paste', () => {
  it('of k⏎y in the main screen opens nothing and sends nothing, and says it was ignored', async () => {
    const { lastFrame, stdin, store, delivered, unmount } = setup();
    await tick();
    stdin.write(paste('k\ry'));
    await tick();
    assert.equal(store.getState().mode, 'main');
    assert.equal(delivered(), 0);
    assert.match(plain(lastFrame()), /paste ignored: "k\^My" \(3 characters\); a paste goes only into the search \(\/\) and filter \(\\\) prompts/);
    stdin.write(paste('kill -9 4242\ryes\r'));
    await tick();
    assert.equal(store.getState().mode, 'main');
    assert.equal(delivered(), 0);
    unmount();
  });

  it('cut over two reads at any point is still one paste, never keys', async () => {
    const { stdin, store, delivered, unmount } = setup();
    await tick();
    const input = paste('k\ry');
    for (let at = 1; at < input.length; at++) {
      store.setState({ message: null });
      await writeSplit(stdin, input, at);
      assert.equal(store.getState().mode, 'main', `cut at ${at}`);
      assert.match(store.getState().message?.text ?? '', /^paste ignored: "k\^My"/, `cut at ${at}`);
    }
    assert.equal(delivered(), 0);
    unmount();
  });

  it('goes into the search prompt, without its control characters, and searches for it', async () => {
    const { lastFrame, stdin, store, unmount } = setup();
    await tick();
    stdin.write('/');
    await tick();
    stdin.write(paste('sleep 98\r\n'));
    await tick();
    assert.equal(store.getState().mode, 'search');
    assert.equal(store.getState().view.search.query, 'sleep 98');
    assert.equal(highlightedPid(lastFrame()), 30);
    assert.match(plain(lastFrame()), /Search: sleep 98/);
    // Cut anywhere, the paste is the same text.
    const input = paste('vim no');
    for (let at = 1; at < input.length; at++) {
      store.getState().cancelSearch();
      store.getState().beginSearch();
      await writeSplit(stdin, input, at);
      assert.equal(store.getState().view.search.query, 'vim no', `cut at ${at}`);
    }
    unmount();
  });

  it('goes into the filter prompt', async () => {
    const { stdin, store, unmount } = setup();
    await tick();
    stdin.write('\\');
    await tick();
    stdin.write(paste('bash'));
    await tick();
    assert.equal(store.getState().view.filterText, 'bash');
    assert.deepEqual(store.getState().visible.map((r) => r.pid), [20]);
    unmount();
  });

  it('does not answer an open confirmation', async () => {
    const { stdin, store, delivered, unmount } = setup();
    await tick();
    stdin.write('k');
    await tick();
    stdin.write('\r');
    await tick();
    assert.equal(store.getState().mode, 'confirm');
    stdin.write(paste('y'));
    await tick();
    assert.equal(store.getState().mode, 'confirm');
    assert.equal(delivered(), 0);
    unmount();
  });
});

describe('keys in one read (a paste without brackets, or keys typed while pooltop was busy)', () => {
  it('after the k that opened the signal menu are dropped: k⏎y in one read sends nothing', async () => {
    const { lastFrame, stdin, store, delivered, unmount } = setup();
    await tick();
    stdin.write('k\ry');
    await tick();
    assert.equal(store.getState().mode, 'signal');
    assert.equal(delivered(), 0);
    assert.match(plain(lastFrame()), /ignored 2 keys that came in with the one that opened this/);
    unmount();
  });

  it('after the Enter that asked do not answer the question; a later y does', async () => {
    const { stdin, store, delivered, unmount } = setup();
    await tick();
    stdin.write('k');
    await tick();
    stdin.write('\ry');
    await tick();
    assert.equal(store.getState().mode, 'confirm');
    assert.equal(delivered(), 0);
    stdin.write('y');
    await tick();
    assert.equal(store.getState().mode, 'main');
    assert.equal(delivered(), 1, 'y on its own answers (PID 1 is then refused as init)');
    assert.match(store.getState().message?.text ?? '', /refused: 1 is init/);
    unmount();
  });

  it('after the w that opened the pool menu are dropped: w⏎ in one read starts no pool', async () => {
    const { stdin, store, pool, unmount } = setup();
    await tick();
    stdin.write('w\r');
    await tick();
    assert.equal(store.getState().mode, 'pool');
    assert.deepEqual(pool.calls, []);
    unmount();
  });

  it('still type into a prompt: "/sleep" in one read searches for "sleep"', async () => {
    const { stdin, store, unmount } = setup();
    await tick();
    stdin.write('/sleep');
    await tick();
    assert.equal(store.getState().view.search.query, 'sleep');
    unmount();
  });
});
