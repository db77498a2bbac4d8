// `pooltop record` and `pooltop --record` files as users make them: a real round trip from /proc,
// the file made safely (never over a file or through a link), a full disk and a SIGKILL leaving a
// recording that replays, and `pooltop replay` refusing what it cannot replay in one line.
import assert from 'node:assert/strict';
import { lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, afterEach, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { parseCommand } from '../../src/cli/parse-options.js';
import { runRecord } from '../../src/cli/record.js';
import { NOT_A_TERMINAL } from '../../src/cli/interactive.js';
import { createSampler } from '../../src/sampling/create-sampler.js';
import { ReplaySampler } from '../../src/sampling/replay-sampler.js';
import type { Sample, Sampler } from '../../src/sampling/types.js';
import { BIN, runBin, startBin } from './run-bin.js';

const linux = process.platform === 'linux';
const dir = mkdtempSync(join(tmpdir(), 'pooltop-record-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (): string => join(dir, `r${++n}.ptr`);

const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

const sink = (): Writable & { text: string } => {
  const out = new Writable({
    write: (chunk, _e, done) => {
      out.text += String(chunk);
      done();
    },
  }) as Writable & { text: string };
  out.text = '';
  return out;
};

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('pooltop record', { skip: !linux && 'reads /proc' }, () => {
  it('records real samples that replay with every field equal', async () => {
    const real = await createSampler('procfs');
    const taken: Sample[] = [];
    const capturing: Sampler = {
      source: real.source,
      capabilities: real.capabilities,
      sample: async () => {
        const s = await real.sample();
        taken.push(s);
        return s;
      },
      close: () => real.close(),
    };
    const path = file();
    const options = parseCommand(['record', path, '-d', '1', '--count', '4']);
    assert.equal(options.kind, 'record');
    const err = sink();
    assert.equal(await runRecord(options.kind === 'record' ? options.options : (undefined as never), err, capturing), 0);
    assert.match(err.text, /^pooltop: recording to .* every 0\.1 s \(Ctrl-C stops\)\npooltop: recorded 4 samples to .* \(\d+ bytes, \d+ bytes a sample\)\n$/);
    assert.equal(taken.length, 4);
    const replay = new ReplaySampler(path);
    replay.pause();
    assert.equal(replay.length, 4);
    assert.equal(replay.header.intervalMs, 100);
    for (let i = 0; i < 4; i++) {
      if (i > 0) replay.step(1);
      assert.deepEqual(await replay.sample(), { ...taken[i]!, source: 'procfs' }, `sample ${i}`);
    }
    replay.close();
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  it('writes a gzip file, and says what it wrote', async () => {
    const path = file();
    const r = await runBin(['record', path, '-d', '1', '--count', '3']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /recorded 3 samples/);
    const lines = gunzipSync(readFileSync(path)).toString().trim().split('\n');
    assert.equal(lines.length, 4);
    assert.equal((JSON.parse(lines[1]!) as { key: boolean }).key, true);
  });

  it('never writes over a file or through a link, in one line with status 2', async () => {
    const existing = file();
    writeFileSync(existing, 'keep me');
    const target = file();
    writeFileSync(target, 'the target');
    const link = file();
    symlinkSync(target, link);
    const dangling = file();
    const nowhere = join(dir, 'not-made');
    symlinkSync(nowhere, dangling);
    for (const path of [existing, link, dangling]) {
      const r = await runBin(['record', path, '--count', '1']);
      assert.equal(r.code, 2);
      assert.equal(r.stderr, `pooltop: ${path} already exists: a recording goes into a new file (pooltop never writes over a file, nor through a link)\n`);
    }
    assert.equal(readFileSync(existing, 'utf8'), 'keep me');
    assert.equal(readFileSync(target, 'utf8'), 'the target');
    assert.ok(lstatSync(dangling).isSymbolicLink());
    assert.throws(() => lstatSync(nowhere), { code: 'ENOENT' });
    const missing = await runBin(['record', join(dir, 'no-folder', 'x.ptr'), '--count', '1']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^pooltop: cannot create the recording .*: no such file or directory \(ENOENT\)\n$/);
  });

  it('stops on a full disk (a file size limit) with the file readable to its last sample', async () => {
    // The limit is taken from a one-sample recording made just before, so that the key frame fits
    // however many processes this machine has (a fixed 12 kB held 83 processes but not a CI
    // machine's few hundred), and a few deltas after it; ulimit -f counts 512-byte blocks in dash
    // (1 kB in bash, which only makes the limit larger).
    const one = file();
    assert.equal((await runBin(['record', one, '--count', '1'])).code, 0);
    const blocks = Math.ceil((3 * statSync(one).size + 8192) / 512);
    const path = file();
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn('/bin/sh', ['-c', `ulimit -f ${blocks}; exec "$0" record "$1" -d 1 --count 100000`, BIN, path], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /recording to .* stopped after (\d+) samples: file too large \(EFBIG\)/);
    const samples = Number(/stopped after (\d+) samples/.exec(r.stderr)![1]);
    const replay = new ReplaySampler(path);
    assert.equal(replay.length, samples);
    assert.equal(replay.damage, null, 'the cut record was taken back off');
    replay.close();
  });

  it('leaves a recording that replays when it is SIGKILLed', async () => {
    const path = file();
    const { child, done } = startBin(['record', path, '-d', '1']);
    started.push(child.pid!);
    // The header, a key frame and a few deltas on disk.
    await waitUntil(() => {
      try {
        return statSync(path).size > 20_000;
      } catch {
        return false;
      }
    }, 'the recording to grow');
    child.kill('SIGKILL');
    await done;
    const replay = new ReplaySampler(path);
    assert.ok(replay.length >= 2, `${replay.length} samples`);
    replay.seekTo(Number.MAX_SAFE_INTEGER);
    await replay.sample();
    replay.close();
  });
});

describe('pooltop replay without a replayable file', () => {
  it('says why in one line, with status 2', async () => {
    const text = file();
    writeFileSync(text, '{"format":"pooltop-recording"}\n');
    const cases: [string, RegExp][] = [
      [join(dir, 'missing.ptr'), /^pooltop: cannot read the recording .*missing\.ptr: no such file or directory \(ENOENT\)\n$/],
      [text, /^pooltop: cannot replay .*: not a pooltop recording \(not gzip data\)\n$/],
      [dir, /^pooltop: cannot replay .*: not a regular file\n$/],
    ];
    for (const [path, message] of cases) {
      const r = await runBin(['replay', path]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
    }
  });

  it('opens the file before it asks for a terminal', { skip: !linux && 'records /proc' }, async () => {
    const path = file();
    assert.equal((await runBin(['record', path, '-d', '1', '--count', '1'])).code, 0);
    const r = await runBin(['replay', path]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `${NOT_A_TERMINAL}\n`);
  });
});
