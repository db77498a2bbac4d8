// Recording and replay: what recording costs a refresh (encode, compress, write), how large a
// recording grows in an hour, and how fast a one-hour recording opens and seeks — with the
// machine's processes and with 2,000 extra idle ones. A minute of real samples, taken a second
// apart, is recorded as it comes, then laid end to end sixty times into a one-hour file.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { RecordingWriter } from '../../src/cli/recording-writer.js';
import type { RecordedFrame, RecordingHeader } from '../../src/model/recording-codec.js';
import { ProcfsSampler } from '../../src/sampling/procfs-sampler.js';
import { ReplaySampler } from '../../src/sampling/replay-sampler.js';
import type { Sample } from '../../src/sampling/types.js';
import { onCleanup } from './lib/cleanup.js';
import { fixed, formatTable } from './lib/format-table.js';
import { startIdleProcesses } from './lib/idle-processes.js';
import { median } from './lib/median.js';

const MINUTE = 60;
const SEEKS = 40;

function header(sampler: ProcfsSampler): RecordingHeader {
  return { source: sampler.source, capabilities: sampler.capabilities, intervalMs: 1000, started: Date.now(), writer: 'bench' };
}

interface Row {
  processes: number;
  keyMs: number;
  deltaMs: number;
  keyBytes: number;
  deltaBytes: number;
  hourBytes: number;
  openMs: number;
  seekMs: number;
  seekMaxMs: number;
  stepBackMs: number;
}

async function measure(dir: string, label: string): Promise<Row> {
  const sampler = new ProcfsSampler();
  const samples: Sample[] = [];
  const path = join(dir, `${label}-minute.ptr`);
  const writer = RecordingWriter.create(path, header(sampler));
  const keyMs: number[] = [];
  const deltaMs: number[] = [];
  const keyBytes: number[] = [];
  const deltaBytes: number[] = [];
  await sampler.sample();
  for (let i = 0; i <= MINUTE; i++) {
    const started = performance.now();
    const sample = await sampler.sample();
    samples.push(sample);
    const before = writer.bytes;
    const t = performance.now();
    writer.write({ sample, pool: null, events: [] });
    const ms = performance.now() - t;
    (i === 0 ? keyMs : deltaMs).push(ms);
    (i === 0 ? keyBytes : deltaBytes).push(writer.bytes - before);
    await sleep(Math.max(0, 1000 - (performance.now() - started)));
  }
  writer.close();
  sampler.close();
  // A key frame comes once a minute: timed again, each the first record of a writer of its own.
  for (let i = 1; i <= 10; i++) {
    const one = RecordingWriter.create(join(dir, `${label}-key${i}.ptr`), header(sampler));
    const t = performance.now();
    one.write({ sample: samples[i]!, pool: null, events: [] });
    keyMs.push(performance.now() - t);
    one.close();
  }
  // An hour: the minute again and again, each copy a minute later.
  const hourPath = join(dir, `${label}-hour.ptr`);
  const hour = RecordingWriter.create(hourPath, header(sampler));
  const span = samples.at(-1)!.time - samples[0]!.time + 1000;
  for (let copy = 0; copy < 60; copy++) {
    for (let i = 0; i < MINUTE; i++) {
      const s = samples[i]!;
      const frame: RecordedFrame = { sample: { ...s, time: s.time + copy * span, monotonic: s.monotonic + copy * span }, pool: null, events: [] };
      hour.write(frame);
    }
  }
  hour.close();
  const hourBytes = statSync(hourPath).size;
  let t = performance.now();
  const replay = new ReplaySampler(hourPath);
  await replay.sample();
  const openMs = performance.now() - t;
  replay.pause();
  const status = replay.status();
  const seeks: number[] = [];
  for (let i = 0; i < SEEKS; i++) {
    t = performance.now();
    replay.seekTo(status.start + ((i * 7919) % SEEKS) * ((status.end - status.start) / SEEKS));
    await replay.sample();
    seeks.push(performance.now() - t);
  }
  replay.seekTo(status.start + 30 * 60_000);
  await replay.sample();
  const backs: number[] = [];
  for (let i = 0; i < 20; i++) {
    t = performance.now();
    replay.step(-1);
    await replay.sample();
    backs.push(performance.now() - t);
  }
  replay.close();
  return {
    processes: samples[0]!.processes.length,
    keyMs: median(keyMs),
    deltaMs: median(deltaMs),
    keyBytes: median(keyBytes),
    deltaBytes: median(deltaBytes),
    hourBytes,
    openMs,
    seekMs: median(seeks),
    seekMaxMs: Math.max(...seeks),
    stepBackMs: median(backs),
  };
}

export default async function bench(print: (line: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pooltop-bench-record-'));
  const unregister = onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  print('record and replay (a minute of real samples a second apart; an hour of them laid end to end)');
  const rows: Row[] = [await measure(dir, 'machine')];
  const idle = await startIdleProcesses(2000);
  try {
    rows.push(await measure(dir, 'idle'));
  } finally {
    await idle.stop();
  }
  const mb = (bytes: number): string => fixed(bytes / 1e6, 1);
  for (const line of formatTable(
    ['processes', 'write: key frame', 'write: delta', 'key frame', 'delta', 'an hour at 1 Hz', 'open + first sample', 'seek median / max', 'step back'],
    rows.map((r) => [
      String(r.processes),
      `${fixed(r.keyMs, 2)} ms`,
      `${fixed(r.deltaMs, 2)} ms`,
      `${Math.round(r.keyBytes)} B`,
      `${Math.round(r.deltaBytes)} B`,
      `${mb(r.hourBytes)} MB`,
      `${fixed(r.openMs, 1)} ms`,
      `${fixed(r.seekMs, 1)} / ${fixed(r.seekMaxMs, 1)} ms`,
      `${fixed(r.stepBackMs, 1)} ms`,
    ]),
  )) {
    print(line);
  }
  rmSync(dir, { recursive: true, force: true });
  unregister();
}
