// The recording's records: every field of every frame back equal through key frames and deltas,
// and every hostile value refused with a RecordingError, never another exception.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { headerRecord, readHeader, RecordDecoder, RecordEncoder, type RecordedFrame } from '../../src/model/recording-codec.js';
import { RecordingError } from '../../src/model/recording-fields.js';
import { HEADER, syntheticFrames } from '../sampling/recording-fixtures.js';
import { info, sample } from './fixtures.js';

// biome-ignore lint/suspicious/noExplicitAny: hostile records are made by poking any value anywhere into the JSON
type Json = Record<string, any>;

/** Through JSON text, as the file holds it. */
const viaText = (record: object): unknown => JSON.parse(JSON.stringify(record));

function roundTrip(frames: readonly RecordedFrame[], keyEvery = 60): RecordedFrame[] {
  const encoder = new RecordEncoder();
  const decoder = new RecordDecoder(readHeader(viaText(headerRecord(HEADER))));
  return frames.map((frame, i) => decoder.decode(viaText(encoder.encode(frame, i % keyEvery === 0))));
}

describe('recording records', () => {
  it('gives back what a source could not tell (NaN) and the fields only some rows have: a thread, the stat line groups, a file column', () => {
    const process = info(70, { rss: Number.NaN, shared: Number.NaN, pgrp: 70, session: 60, tty: 34816, tpgid: 70, userTime: 1.5, cgroup: '0::/user.slice' });
    const thread = info(71, { threadOf: 70, name: 'worker', pgrp: 70, ioReadBytes: -1 });
    const frames: RecordedFrame[] = [0, 1, 2].map((n) => ({
      sample: sample([process, n === 1 ? { ...thread, cpuTime: 2 } : n === 2 ? { ...thread, pgrp: 71 } : thread], {
        time: 1_700_000_000_000 + n * 1000,
        monotonic: n * 1000,
      }),
      pool: null,
      events: [],
    }));
    const back = roundTrip(frames, 10);
    for (const [i, frame] of back.entries()) {
      assert.deepEqual(frame.sample.processes, frames[i]!.sample.processes, `frame ${i}: every field, NaN included`);
    }
    const hostile = new RecordEncoder().encode(frames[0]!, true) as { processes: unknown[][] };
    (hostile.processes[0]![17] as Record<string, unknown>).__proto__x = 1;
    assert.throws(
      () => new RecordDecoder(HEADER).decode(viaText(hostile)),
      (e) => e instanceof RecordingError && /unknown field/.test(e.message),
    );
  });

  it('gives back every field of every frame through key frames and deltas', () => {
    const frames = syntheticFrames(130);
    const back = roundTrip(frames, 60);
    assert.equal(back.length, frames.length);
    for (let i = 0; i < frames.length; i++) assert.deepEqual(back[i], frames[i], `frame ${i}`);
  });

  it('writes a delta of only what changed, and an unchanged process is the same object read back', () => {
    const frames = syntheticFrames(3);
    const encoder = new RecordEncoder();
    encoder.encode(frames[0]!, true);
    const delta = encoder.encode(frames[1]!, false) as Record<string, unknown>;
    assert.equal(delta.processes, undefined);
    // PID 50's cpuTime, state, processor and rss; nothing of the idle jobs.
    assert.deepEqual(
      (delta.changed as unknown[][]).map((c) => c[0]),
      [50],
    );
    assert.deepEqual(delta.added, [[101, 1, 1000, 'ann', 'S', 20, 0, 1, 1048576, 524288, 131072, 1000101, 0, 0, 'job101', 'job 101 --sleep', false]]);
    const decoder = new RecordDecoder(HEADER);
    const a = decoder.decode(viaText(new RecordEncoder().encode(frames[0]!, true)));
    const again = new RecordEncoder();
    again.encode(frames[0]!, true);
    const b = decoder.decode(viaText(again.encode(frames[1]!, false)));
    const job = (f: RecordedFrame): unknown => f.sample.processes.find((p) => p.pid === 100);
    assert.equal(job(a), job(b));
  });

  it('keeps an order other than by PID, sourceCpu, and a process whose PID was reused', () => {
    const first = sample([info(30), info(10, { sourceCpu: 12.5, cpuTime: -1 }), info(20)]);
    const second = sample([info(20), info(30, { startTime: 99 }), info(10, { sourceCpu: 3, cpuTime: -1 })], { time: first.time + 1000 });
    const frames: RecordedFrame[] = [first, second].map((s) => ({ sample: s, pool: null, events: [] }));
    assert.deepEqual(roundTrip(frames), frames);
  });

  it('keeps the order /proc lists processes in (by PID as text) without listing it', () => {
    const pids = [1, 10, 11205, 2, 20, 3];
    const first = sample(pids.map((pid) => info(pid)));
    const second = sample(
      [...pids, 4].sort((a, b) => (String(a) < String(b) ? -1 : 1)).map((pid) => info(pid)),
      { time: first.time + 1000 },
    );
    const frames: RecordedFrame[] = [first, second].map((s) => ({ sample: s, pool: null, events: [] }));
    const encoder = new RecordEncoder();
    encoder.encode(frames[0]!, true);
    assert.equal((encoder.encode(frames[1]!, false) as { order?: unknown }).order, 'pid-text');
    assert.deepEqual(roundTrip(frames), frames);
  });

  it('says which version a recording of another format version has', () => {
    const header = { ...(viaText(headerRecord(HEADER)) as object), version: 2 };
    assert.throws(() => readHeader(header), { name: 'Error', message: /format version 2; this pooltop reads version 1/ });
    assert.throws(() => readHeader({ format: 'other' }), RecordingError);
    assert.throws(() => readHeader(null), RecordingError);
  });

  const key = (): Json => viaText(new RecordEncoder().encode(syntheticFrames(1)[0]!, true)) as Json;
  const hostile: [string, (r: Json) => void][] = [
    ['a PID past any kernel', (r) => (r.processes[1][0] = 2 ** 40)],
    ['a PID of 1e400 (Infinity)', (r) => (r.processes[1][0] = JSON.parse('1e400'))],
    ['a negative PID', (r) => (r.processes[1][0] = -1)],
    ['a fractional PID', (r) => (r.processes[1][0] = 2.5)],
    ['a PID as a string', (r) => (r.processes[1][0] = '50')],
    ['a PID twice', (r) => (r.processes[2][0] = r.processes[1][0])],
    ['a command of 300,000 characters', (r) => (r.processes[1][14] = 'x'.repeat(300_000))],
    ['a name that is an object', (r) => (r.processes[1][13] = { toString: 1 })],
    ['a process with too few fields', (r) => r.processes[1].splice(3)],
    ['a process with too many fields', (r) => r.processes[1].push(1, 2, 3)],
    ['a memory total past 2^53', (r) => (r.memory.total = 2 ** 60)],
    ['a CPU percentage of 1e300', (r) => (r.cpus[0][0] = 1e300)],
    ['a load of NaN (null in JSON)', (r) => (r.load[0] = null)],
    ['processes that are not a list', (r) => (r.processes = { length: 1e9 })],
    ['a pool worker of unknown state', (r) => (r.pool = { workers: [{ state: 'evil' }], summary: {} })],
    ['an event of unknown level', (r) => (r.events = [[0, 'bell', 'x']])],
    ['an event text of 100,000 characters', (r) => (r.events = [[0, 'info', 'x'.repeat(100_000)]])],
    ['counters with a device name that is a number', (r) => (r.counters.disks[0].device = 7)],
    ['a time as a string', (r) => (r.time = '2026-12-01')],
  ];
  for (const [what, mutate] of hostile) {
    it(`refuses ${what} with a RecordingError`, () => {
      const record = key();
      mutate(record);
      assert.throws(() => new RecordDecoder(HEADER).decode(record), RecordingError);
    });
  }

  it('refuses a record that is not an object', () => {
    for (const value of [[], null, 7, 'key']) assert.throws(() => new RecordDecoder(HEADER).decode(value), RecordingError);
  });

  it('refuses deltas that do not fit the frame before', () => {
    const frames = syntheticFrames(2);
    const encoder = new RecordEncoder();
    const keyRecord = viaText(encoder.encode(frames[0]!, true));
    const delta = viaText(encoder.encode(frames[1]!, false)) as Json;
    assert.throws(() => new RecordDecoder(HEADER).decode(delta), /without the key frame/);
    const cases: [string, (d: Json) => void][] = [
      ['gone names an unknown PID', (d) => (d.gone = [424242])],
      ['changed names an unknown PID', (d) => (d.changed = [[424242, 1, 5]])],
      ['changed names field 0 (the PID)', (d) => (d.changed = [[50, 0, 51]])],
      ['changed names field 99', (d) => (d.changed = [[50, 99, 1]])],
      ['changed has a field without a value', (d) => (d.changed = [[50, 1]])],
      ['changed gives a hostile value', (d) => (d.changed = [[50, 11, -5]])],
      ['order misses a process', (d) => (d.order = [1])],
      ['time goes backwards', (d) => (d.time = 0)],
    ];
    for (const [what, mutate] of cases) {
      const decoder = new RecordDecoder(HEADER);
      decoder.decode(keyRecord);
      const d = structuredClone(delta);
      mutate(d);
      assert.throws(() => decoder.decode(d), RecordingError, what);
    }
  });

  it('throws nothing but RecordingError for 2,000 random corruptions of a record', () => {
    const frames = syntheticFrames(2);
    const encoder = new RecordEncoder();
    const keyRecord = JSON.stringify(encoder.encode(frames[0]!, true));
    const deltaRecord = JSON.stringify(encoder.encode(frames[1]!, false));
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const junk = ['0', '-1', '1e400', '"x"', 'null', 'true', '[]', '{}', '[[1]]', '9007199254740993', '"\\u001b]0;t\\u0007"'];
    let refused = 0;
    for (let n = 0; n < 2000; n++) {
      const target = n % 2 ? deltaRecord : keyRecord;
      // Replace one number, string or literal by junk, so the text is still JSON.
      const tokens = [...target.matchAll(/-?\d+(?:\.\d+)?(?:e[+-]?\d+)?|"(?:[^"\\]|\\.)*"|true|false|null/g)];
      const t = tokens[random(tokens.length)]!;
      const text = target.slice(0, t.index) + junk[random(junk.length)] + target.slice(t.index! + t[0].length);
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        continue;
      }
      const decoder = new RecordDecoder(HEADER);
      try {
        if (n % 2) decoder.decode(JSON.parse(keyRecord));
        decoder.decode(value);
      } catch (error) {
        assert.ok(error instanceof RecordingError, `${String(error)} for ${text.slice(Math.max(0, t.index! - 40), t.index! + 40)}`);
        refused++;
      }
    }
    assert.ok(refused > 500, `${refused} refused`);
  });
});
