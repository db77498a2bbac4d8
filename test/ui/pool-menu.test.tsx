// The pool menu draws what the store mirrors of the pool, never asking the pool itself, and its
// entries act through the pool actions.
import './force-color.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAppStore } from '../../src/store/app-store.js';
import { App } from '../../src/ui/app.js';
import { info, sample } from '../model/fixtures.js';
import { plain, renderWithStore } from './render-with-store.js';
import { FakePool, testContext } from './test-context.js';
import { waitForFrame } from './wait-for-frame.js';

describe('the pool menu', () => {
  it('shows the pool as the store has it and changes the plan in the store', async () => {
    const store = createAppStore();
    store.getState().applySample(sample([info(1, { command: '/sbin/init' })]));
    const idle = new FakePool().snapshot();
    store.getState().setPool({ ...idle, summary: { ...idle.summary, phase: 'running', workers: 3 } });
    const ctx = testContext(store);
    let asked = 0;
    ctx.pool.snapshot = () => {
      asked++;
      return idle;
    };
    const { lastFrame, stdin, unmount } = renderWithStore(<App ctx={ctx} />, store);
    await waitForFrame(lastFrame, /sbin\/init/, 'the first frame');
    stdin.write('w');
    const menu = plain(await waitForFrame(lastFrame, /Start a pool/));
    assert.match(menu, /Start a pool of \d+ workers \(running: 3\)/);
    assert.match(menu, /Trap SIGTERM\/SIGINT in new workers: off/);
    // The trap entry, then Enter.
    stdin.write('\x1b[B'.repeat(7));
    stdin.write('\r');
    await waitForFrame(lastFrame, /new workers catch and ignore SIGTERM/);
    assert.equal(store.getState().poolPlan.trap, true);
    stdin.write('w');
    assert.match(plain(await waitForFrame(lastFrame, /Start a pool/)), /Trap SIGTERM\/SIGINT in new workers: on/);
    assert.equal(asked, 0, 'drawing the menu never asks the pool');
    assert.deepEqual(ctx.pool.calls, []);
    unmount();
  });
});
