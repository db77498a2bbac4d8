import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { waitForFrame } from './wait-for-frame.js';

describe('waitForFrame', () => {
  it('returns the first frame that meets the condition, matched without its styles', async () => {
    const frames = ['one', '\x1b[1mtwo\x1b[22m', 'three'];
    let calls = 0;
    const lastFrame = () => frames[Math.min(calls++, frames.length - 1)];
    assert.equal(await waitForFrame(lastFrame, /^two$/), '\x1b[1mtwo\x1b[22m');
    assert.equal(await waitForFrame(lastFrame, (frame) => frame === 'three', 'three'), 'three');
  });

  it('fails after its time with what it waited for and the last frame', async () => {
    await assert.rejects(
      waitForFrame(() => '\x1b[7mPID 1\x1b[27m', /PID 2/, 'PID 2 drawn', 30),
      {
        message: /^timed out after 30 ms waiting for PID 2 drawn; the last frame:\nPID 1$/,
      },
    );
  });
});
