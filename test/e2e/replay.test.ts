// End to end, `pooltop replay FILE` in tmux: the time bar, the replay keys (pause, play, step, jump
// a minute, go to a time, speed), the recorded pool and messages, hostile recorded names made
// harmless, and the keys that act on processes or the pool refused.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { REPLAY_REFUSES } from '../../src/ui/dispatch-key.js';
import { formatClock } from '../../src/model/replay-time.js';
import type { RecordedFrame } from '../../src/model/recording-codec.js';
import { ReplaySampler } from '../../src/sampling/replay-sampler.js';
import { HEADER, syntheticFrames, writeRecording } from '../sampling/recording-fixtures.js';
import { startPooltop } from './pooltop-session.js';
import type { TmuxSession } from './tmux-session.js';

const dir = mkdtempSync(join(tmpdir(), 'pooltop-replay-e2e-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let session: TmuxSession | undefined;
afterEach(async () => {
  await session?.kill();
  session = undefined;
});

/** The recorded time of sample i (0-based), as the time bar shows it. */
const clock = (i: number): string => formatClock(HEADER.started + 1000 + i * 1000);

describe('pooltop replay', { timeout: 120_000 }, () => {
  it('moves through the recording with the replay keys', async () => {
    const path = join(dir, 'session.ptr');
    writeRecording(
      path,
      syntheticFrames(150, () => [{ pid: 9999, name: 'evil', command: 'evil \u001b]0;pwned\u0007\u001b[2J', cpuTime: 1 }]),
    );
    session = await startPooltop(['replay', path]);
    await session.waitFor(/REPLAY ▶ 1×/, { description: 'the time bar, playing' });
    await session.sendKeys('z');
    await session.waitFor(/REPLAY ‖ paused 1×/, { description: 'paused' });

    await session.sendKeys('g');
    await session.waitFor('Go to: ', { description: 'the go-to prompt' });
    await session.type('+1:30');
    await session.sendKeys('Enter');
    await session.waitFor(`${clock(90)} `, { description: 'sample 91 shown' });
    let screen = await session.waitFor(/1:30 \/ 2:29 {2}sample 91\/150/, { description: 'the bar at 1:30' });
    // The recorded pool (panel) and the message recorded with sample 91, with its time.
    assert.match(screen, /4250/);
    await session.waitFor(`${formatClock(HEADER.started + 1000 + 90_000 - 100)} worker 2 (PID 4251) was killed by SIGKILL at frame 90`, {
      description: 'the recorded message',
    });

    await session.sendKeys(']');
    await session.waitFor('sample 92/150', { description: 'one forward' });
    await session.sendKeys('[');
    await session.waitFor('sample 91/150', { description: 'one back' });
    await session.sendKeys('[');
    await session.waitFor('sample 90/150', { description: 'one more back' });
    await session.sendKeys('}');
    await session.waitFor(`${clock(149)} `, { description: 'a minute forward: the end' });
    await session.waitFor('sample 150/150', { description: 'the end' });
    await session.sendKeys('{');
    await session.waitFor('sample 90/150', { description: 'a minute back' });

    await session.sendKeys('F8');
    await session.waitFor('paused 2×', { description: 'faster' });
    for (let i = 0; i < 5; i++) await session.sendKeys('F8');
    await session.waitFor('paused 16×', { description: 'at most 16×' });
    for (let i = 0; i < 6; i++) await session.sendKeys('F7');
    await session.waitFor('paused ½×', { description: 'at least ½×' });
    await session.sendKeys('r');
    await session.waitFor('REPLAY ▶ ½×', { description: 'playing again' });
    await session.sendKeys('z');
    await session.waitFor('REPLAY ‖ paused ½×', { description: 'paused again' });

    // The past cannot be signalled, nor its pool driven.
    // (Which keys are refused is tested key by key in test/ui/replay-keys.test.ts; here, that the screen says so.)
    await session.sendKeys('k');
    await session.waitFor(REPLAY_REFUSES, { description: 'k refused' });
    await session.sendKeys('w');
    await session.sendKeys(']');
    screen = await session.waitFor('sample 91/150', { description: 'a key after k and w still works on the main screen' });
    assert.doesNotMatch(screen, /SIGTERM|family: each task/, 'no signal menu, no pool menu');

    // A recorded command line is untrusted as a live one: its escapes are shown, not obeyed.
    await session.type('\\evil');
    await session.sendKeys('Enter');
    screen = await session.waitFor('[filter "evil"]', { description: 'the filter' });
    assert.match(screen, /evil \^\[\]0;pwned\^G\^\[\[2J/);

    await session.sendKeys('q');
    assert.equal(await session.waitForExit(), 0);
  });

  it('pooltop --record records the monitor with its pool and messages, which replay shows', async () => {
    const path = join(dir, 'monitor.ptr');
    session = await startPooltop(['--pool', '1', '-d', '3', '--record', path]);
    await session.waitFor('pool started: 1 workers', { description: 'the pool started' });
    await session.waitFor(/pooltop-worker 1/, { description: 'the worker in the table' });
    // A message goes into the recording with the sample after it: quit once two more were written.
    for (const written of [statSync(path).size, -1]) {
      const from = written < 0 ? statSync(path).size : written;
      for (const end = Date.now() + 10_000; statSync(path).size <= from && Date.now() < end; ) await delay(50);
    }
    await session.sendKeys('q');
    assert.equal(await session.waitForExit(), 0);
    await session.kill();
    const replay = new ReplaySampler(path);
    assert.equal(replay.damage, null);
    const pools: RecordedFrame['pool'][] = [];
    const texts: string[] = [];
    replay.onFrame = (frame) => {
      pools.push(frame.pool);
      texts.push(...frame.events.map((e) => e.text));
    };
    replay.pause();
    for (let i = 0; i < replay.length; i++) {
      if (i > 0) replay.step(1);
      await replay.sample();
    }
    replay.close();
    assert.ok(
      pools.some((p) => p !== null && p.workers.length === 1 && p.workers[0]!.pid > 1),
      'the pool recorded with its worker',
    );
    assert.ok(
      texts.some((t) => t.startsWith('pool started: 1 workers')),
      `messages recorded: ${JSON.stringify(texts)}`,
    );

    session = await startPooltop(['replay', path]);
    await session.waitFor(/REPLAY/, { description: 'the replay' });
    await session.waitFor(/pooltop-worker 1/, { description: 'the recorded worker' });
    await session.sendKeys('q');
    assert.equal(await session.waitForExit(), 0);
  });

  it('says in the time bar where a damaged recording ends', async () => {
    const path = join(dir, 'short.ptr');
    writeRecording(path, syntheticFrames(3));
    const { truncateSync, statSync } = await import('node:fs');
    truncateSync(path, statSync(path).size - 10);
    session = await startPooltop(['replay', path]);
    await session.waitFor('this recording is damaged: a record cut short at byte', { description: 'the damage said' });
    await session.waitFor(/sample \d\/2 {2}damaged: ends after sample 2/, { description: 'the damage in the time bar' });
    await session.sendKeys('q');
    assert.equal(await session.waitForExit(), 0);
  });
});
