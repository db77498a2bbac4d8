// The keyboard in a replay: its own keys move the replay, those that act on processes or the pool
// are refused, the rest work as live; the `g` prompt; and the help screen lists the replay keys.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAppStore } from '../../src/store/app-store.js';
import { dispatchKey, REPLAY_REFUSES } from '../../src/ui/dispatch-key.js';
import { helpLines } from '../../src/ui/help-screen.js';
import { KEY_TABLE } from '../../src/ui/key-table.js';
import { parseKey } from '../../src/ui/parse-key.js';
import { REPLAY_KEY_TABLE, type ReplayControl } from '../../src/ui/replay-keys.js';
import { replayBarText } from '../../src/ui/replay-bar.js';
import { sample, info } from '../model/fixtures.js';
import { testContext } from './test-context.js';

const START = new Date(2026, 11, 1, 14, 0, 0).getTime();

function replayContext() {
  const calls: string[] = [];
  const replay: ReplayControl = {
    play: () => calls.push('play'),
    pause: () => calls.push('pause'),
    step: (by) => calls.push(`step ${by}`),
    jump: (ms) => calls.push(`jump ${ms}`),
    seekTo: (time) => calls.push(`seek ${time - START}`),
    changeSpeed: (by) => calls.push(`speed ${by}`),
  };
  const store = createAppStore();
  store.getState().applySample(sample([info(2), info(3)]));
  store.getState().setReplay({ start: START, end: START + 3_600_000, time: START, index: 0, count: 3600, playing: true, speed: 1, damage: null });
  const ctx = testContext(store, { replay });
  const press = (...names: string[]): void => {
    for (const name of names) dispatchKey(name.length === 1 ? parseKey(name) : { name, text: '' }, ctx);
  };
  return { store, ctx, calls, press };
}

describe('the replay keys', () => {
  it('move the replay', () => {
    const { calls, press } = replayContext();
    press('z', 'r', '[', ']', '{', '}', 'f7', '(', 'f8', ')');
    assert.deepEqual(calls, ['pause', 'play', 'step -1', 'step 1', 'jump -60000', 'jump 60000', 'speed -1', 'speed -1', 'speed 1', 'speed 1']);
  });

  it('refuse signals, renice and the pool, and keep the keys that only look', () => {
    const { store, ctx, calls, press } = replayContext();
    for (const key of ['k', 'f9', 'w']) {
      store.getState().notify('');
      press(key);
      assert.equal(store.getState().mode, 'main', key);
      assert.equal(store.getState().message?.text, REPLAY_REFUSES, key);
    }
    assert.deepEqual(ctx.pool.calls, []);
    press('t');
    assert.equal(store.getState().view.tree, true);
    press(' ');
    assert.equal(store.getState().tags.size, 1, 'tagging only marks rows');
    assert.deepEqual(calls, []);
  });

  it('are not there in the live monitor', () => {
    const { store } = replayContext();
    const live = testContext(store);
    dispatchKey(parseKey('z'), live);
    // z pauses processes live: with one row selected it sends (or asks), never moves a replay.
    assert.notEqual(store.getState().message?.text, REPLAY_REFUSES);
    dispatchKey(parseKey('k'), live);
    assert.equal(store.getState().mode, 'signal');
  });

  it('g asks for a time and goes there, or says why not', () => {
    const { store, calls, press } = replayContext();
    press('g');
    assert.equal(store.getState().mode, 'goto');
    press('1', '4', ':', '3', '0', 'x', 'enter');
    assert.equal(store.getState().mode, 'main');
    assert.deepEqual(calls, [`seek ${30 * 60_000}`]);
    press('g', '+', '9', '0', 'backspace', '5', 'enter');
    assert.deepEqual(calls.at(-1), `seek ${95_000}`);
    press('g', '1', '6', ':', '0', '0', 'enter');
    assert.equal(calls.length, 2);
    assert.match(store.getState().message?.text ?? '', /^go to: the recording ends at 15:00:00; 16:00 is not in it$/);
    press('g', '1', 'escape');
    assert.equal(store.getState().mode, 'main');
    assert.equal(calls.length, 2);
  });

  it('are on the help screen, after the main keys', () => {
    const help = helpLines();
    const at = help.findIndex((l) => l.text.startsWith('In a replay'));
    assert.ok(at > help.findIndex((l) => l.text === KEY_TABLE.at(-1)!.help));
    for (const b of REPLAY_KEY_TABLE)
      assert.ok(
        help.slice(at).some((l) => l.key.trim() === b.label && l.text === b.help),
        b.label,
      );
  });
});

describe('the time bar', () => {
  const status = { start: START, end: START + 3_600_000, time: START + 1_800_000, index: 1800, count: 3600, playing: false, speed: 0.5, damage: null };
  it('says paused or playing, the speed, the time, the place and the sample', () => {
    const { text } = replayBarText(status, 120);
    assert.match(text, /^ REPLAY ‖ paused ½× {2}14:30:00 \[=+\|-+\] 30:00 \/ 1:00:00 {2}sample 1801\/3600$/);
    assert.ok(text.length <= 120);
    assert.match(replayBarText({ ...status, playing: true, speed: 16 }, 120).text, /REPLAY ▶ 16×/);
  });

  it('keeps its words on a narrow terminal, and says where a damaged file ends', () => {
    const narrow = replayBarText(status, 60);
    assert.doesNotMatch(narrow.text, /\[/);
    assert.ok(narrow.text.length <= 60);
    const damaged = replayBarText({ ...status, damage: 'a record cut short at byte 9: the replay ends after sample 3600' }, 120);
    assert.equal(damaged.damage, '  damaged: ends after sample 3600');
    assert.ok(damaged.text.length + damaged.damage.length <= 120);
  });
});
