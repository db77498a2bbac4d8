// The replay sampler on files written by the real writer: every frame back, its controls (step,
// jump, go to, speed), CPU% measured since the recorded sample before, and damaged files — cut at
// every byte of the last record, a byte flipped in the middle, another version, a FIFO — replayed
// up to the damage or refused in words, never a crash or a hang.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, describe, it } from 'node:test';
import { headerRecord } from '../../src/model/recording-codec.js';
import { RecordingError } from '../../src/model/recording-fields.js';
import { encodeMember, KEY_EVERY, readMemberHeader } from '../../src/sampling/recording-member.js';
import { ReplaySampler } from '../../src/sampling/replay-sampler.js';
import { HEADER, syntheticFrames, writeRecording } from './recording-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'pooltop-replay-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (): string => join(dir, `r${++n}.ptr`);

/** Where each record starts, from the members' own headers. */
function memberOffsets(bytes: Buffer): number[] {
  const offsets: number[] = [];
  for (let at = 0; at < bytes.length; ) {
    const info = readMemberHeader(bytes.subarray(at));
    assert.ok(typeof info !== 'string', info as string);
    offsets.push(at);
    at += info.length;
  }
  return offsets;
}

describe('recording files', () => {
  it('are gzip files whose lines are the records as JSON (zcat | jq reads them)', () => {
    const path = file();
    writeRecording(path, syntheticFrames(5));
    const lines = gunzipSync(readFileSync(path)).toString().split('\n');
    assert.equal(lines.pop(), '');
    assert.equal(lines.length, 6);
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(records[0]!.format, 'pooltop-recording');
    assert.equal(records[1]!.key, true);
    assert.ok(records.slice(2).every((r) => r.key === undefined && Array.isArray(r.changed)));
  });

  it('are refused in words when they are not a recording of this version', () => {
    const text = file();
    writeFileSync(text, 'hello\n');
    assert.throws(() => new ReplaySampler(text), { message: /not a pooltop recording \(not gzip data\)/ });
    const v2 = file();
    writeFileSync(v2, encodeMember('header', 0, `${JSON.stringify({ ...headerRecord(HEADER), version: 2 })}\n`));
    assert.throws(() => new ReplaySampler(v2), { message: /format version 2; this pooltop reads version 1/ });
    const empty = file();
    writeRecording(empty, []);
    assert.throws(
      () => new ReplaySampler(empty),
      (e) => e instanceof RecordingError && /no complete sample/.test(e.message),
    );
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    assert.throws(() => new ReplaySampler(fifo), { message: 'not a regular file' });
  });
});

describe('the replay sampler', () => {
  const frames = syntheticFrames(150);
  const path = file();
  writeRecording(path, frames);

  it('gives back every recorded frame, with the pool and the messages', async () => {
    const replay = new ReplaySampler(path);
    const pools: unknown[] = [];
    const events: unknown[] = [];
    replay.onFrame = (frame) => {
      pools.push(frame.pool);
      events.push(...frame.events);
    };
    replay.pause();
    assert.equal(replay.length, 150);
    assert.deepEqual(await replay.sample(), frames[0]!.sample);
    for (let i = 1; i < frames.length; i++) {
      replay.step(1);
      const s = await replay.sample();
      assert.deepEqual(s, frames[i]!.sample, `sample ${i}`);
      assert.equal(replay.baseOf(s), i > 0 ? replay.baseOf(s) : null);
      assert.deepEqual(replay.baseOf(s), frames[i - 1]!.sample);
    }
    assert.deepEqual(
      pools,
      frames.map((f) => f.pool),
    );
    assert.deepEqual(
      events,
      frames.flatMap((f) => f.events),
    );
    replay.close();
  });

  it('steps back, jumps a minute, goes to a time, and measures CPU% since the recorded sample before', async () => {
    const replay = new ReplaySampler(path);
    replay.pause();
    const at = async (): Promise<number> => {
      await replay.sample();
      return replay.status().index;
    };
    replay.seekTo(HEADER.started + 1000 + 100_000);
    assert.equal(await at(), 100);
    replay.step(-1);
    assert.equal(await at(), 99);
    // Back over a key frame: the base is the sample before it, decoded from the key frame before that.
    replay.seekTo(HEADER.started + 1000 + KEY_EVERY * 1000);
    const s = await replay.sample();
    assert.equal(replay.status().index, KEY_EVERY);
    assert.deepEqual(replay.baseOf(s), frames[KEY_EVERY - 1]!.sample);
    replay.jump(60_000);
    assert.equal(await at(), KEY_EVERY + 60);
    replay.jump(60_000);
    assert.equal(await at(), 149, 'clamped to the end');
    replay.jump(-60_000);
    assert.equal(await at(), 89);
    replay.jump(-600_000);
    assert.equal(await at(), 0);
    replay.step(-1);
    assert.equal(await at(), 0);
    assert.equal(replay.baseOf(await replay.sample()), null);
    replay.close();
  });

  it('plays at the chosen speed, from ½× to 16×, and stops at the end', async () => {
    const replay = new ReplaySampler(path);
    for (let i = 0; i < 10; i++) replay.changeSpeed(1);
    assert.equal(replay.status().speed, 16);
    for (let i = 0; i < 10; i++) replay.changeSpeed(-1);
    assert.equal(replay.status().speed, 0.5);
    replay.changeSpeed(1);
    replay.changeSpeed(1);
    replay.changeSpeed(1);
    replay.changeSpeed(1);
    replay.changeSpeed(1);
    // 16×: a recorded second every 62.5 ms.
    assert.ok(replay.nextSampleInMs() <= 63, String(replay.nextSampleInMs()));
    replay.seekTo(HEADER.started + 1000 + 148_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await replay.sample();
    assert.equal(replay.status().index, 149);
    assert.equal(replay.status().playing, false, 'stopped at the end');
    replay.play();
    await replay.sample();
    assert.equal(replay.status().index, 0, 'play at the end starts again');
    replay.close();
  });

  it('replays a file cut at every byte of its last record up to the sample before, never throwing', async () => {
    const short = syntheticFrames(8);
    const whole = file();
    writeRecording(whole, short);
    const bytes = readFileSync(whole);
    const last = memberOffsets(bytes).at(-1)!;
    const cut = file();
    for (let size = last + 1; size < bytes.length; size++) {
      writeFileSync(cut, bytes.subarray(0, size));
      const replay = new ReplaySampler(cut);
      assert.equal(replay.length, 7, `cut at ${size}`);
      assert.equal(replay.damage, `a record cut short at byte ${last}: the replay ends after sample 7`);
      replay.seekTo(Number.MAX_SAFE_INTEGER);
      assert.deepEqual(await replay.sample(), short[6]!.sample);
      replay.close();
    }
    assert.equal(new ReplaySampler(whole).damage, null);
  });

  it('ends the replay before a record damaged in the middle, and says where', async () => {
    const bytes = Buffer.from(readFileSync(path));
    const offsets = memberOffsets(bytes);
    // Sample 100's record (offsets[0] is the header's): a byte of its deflate data flipped.
    bytes[offsets[101]! + 40]! ^= 0xff;
    const damaged = file();
    writeFileSync(damaged, bytes);
    const replay = new ReplaySampler(damaged);
    assert.equal(replay.length, 150, 'found when read, not when indexed');
    replay.seekTo(HEADER.started + 1000 + 99_000);
    assert.deepEqual(await replay.sample(), frames[99]!.sample);
    replay.step(1);
    assert.deepEqual(await replay.sample(), frames[99]!.sample, 'the last good sample stays');
    assert.equal(replay.length, 100);
    assert.match(replay.status().damage ?? '', /sample 101: not gzip data that inflates \(Z_\w+\) at byte \d+: the replay ends after sample 100/);
    replay.close();
  });
});
