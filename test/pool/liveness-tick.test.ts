import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { livenessTick } from '../../src/pool/liveness-tick.js';

describe('livenessTick', () => {
  it('asks about the parent at most once per interval of work', () => {
    let clock = 0;
    let asked = 0;
    let gone = false;
    let ended = 0;
    const tick = livenessTick(
      () => {
        asked++;
        return gone;
      },
      () => ended++,
      50,
      () => clock,
    );
    for (clock = 0; clock < 49; clock += 1) tick();
    assert.equal(asked, 0);
    clock = 50;
    tick();
    tick();
    assert.equal(asked, 1);
    clock = 101;
    tick();
    assert.equal(asked, 2);
    assert.equal(ended, 0);
    gone = true;
    clock = 160;
    tick();
    assert.equal(ended, 1);
  });
});
