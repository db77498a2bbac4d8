// `pooltop snapshot --json --watch`: NDJSON as scripts read it — the line count, the schema, and
// how it ends: --count, a reader that leaves (`| head`), SIGINT and SIGTERM.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { afterEach, describe, it } from 'node:test';
import { Writable } from 'node:stream';
import { parseCommand } from '../../src/cli/parse-options.js';
import { runWatch } from '../../src/cli/watch.js';
import type { Sample, Sampler } from '../../src/sampling/types.js';
import { info, sample } from '../model/fixtures.js';
import { BIN, runBin, startBin } from './run-bin.js';
import { startServe, type ServeProcess } from './serve-process.js';

const linux = process.platform === 'linux';

interface Line {
  seq: number;
  processes: { pid: number; ppid: number; command: string }[];
  [key: string]: unknown;
}

const parseLines = (stdout: string): Line[] =>
  stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Line);

const serves: ServeProcess[] = [];
afterEach(async () => {
  for (const s of serves.splice(0)) await s.stop();
});

describe('pooltop snapshot --json --watch', { skip: !linux && 'reads /proc' }, () => {
  it('prints --count lines, each the snapshot --json document with seq first', async () => {
    const [watch, once] = await Promise.all([runBin(['snapshot', '--json', '--watch', '-d', '1', '--count', '3']), runBin(['snapshot', '--json'])]);
    assert.equal(watch.code, 0, watch.stderr);
    assert.equal(watch.stderr, '');
    const lines = watch.stdout.split('\n');
    assert.equal(lines.pop(), '', 'every line ends with a newline');
    assert.equal(lines.length, 3);
    const docs = lines.map((l) => JSON.parse(l) as Line);
    assert.deepEqual(
      docs.map((d) => d.seq),
      [1, 2, 3],
    );
    const schema = JSON.parse(once.stdout) as Line;
    for (const doc of docs) {
      assert.deepEqual(Object.keys(doc), ['seq', ...Object.keys(schema)]);
      assert.deepEqual(Object.keys(doc.processes[0]!), Object.keys(schema.processes[0]!));
    }
    const times = docs.map((d) => Date.parse(String(d.time)));
    assert.ok(times[0]! < times[1]! && times[1]! < times[2]!, 'a sample a line');
  });

  it('prints the tree per line with --tree, and filters with -p', async () => {
    const r = await runBin(['snapshot', '--json', '--watch', '--tree', '-d', '1', '--count', '2', '-p', `1,${process.pid}`]);
    assert.equal(r.code, 0, r.stderr);
    const docs = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; roots: { pid: number; children: { pid: number }[] }[] });
    assert.deepEqual(
      docs.map((d) => d.seq),
      [1, 2],
    );
    const pids = (d: (typeof docs)[number]) => d.roots.flatMap((r) => [r.pid, ...r.children.map((c) => c.pid)]).sort((a, b) => a - b);
    assert.deepEqual(pids(docs[0]!), [1, process.pid]);
  });

  it('ends with status 0, and soon, when the reader leaves (| head -n 2)', async () => {
    const started = performance.now();
    // biome-ignore lint/suspicious/noTemplateCurlyInString: bash's ${PIPESTATUS[0]}, not JavaScript's
    const shell = spawn('bash', ['-c', 'set -o pipefail; "$0" snapshot --json --watch -d 2 | head -n 2 | wc -l; echo "status ${PIPESTATUS[0]}"', BIN], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    shell.stdout.on('data', (d: Buffer) => (out += d.toString()));
    shell.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => shell.on('close', resolve));
    assert.equal(code, 0, err);
    assert.deepEqual(out.trim().split(/\s+/), ['2', 'status', '0']);
    assert.equal(err, '', 'nothing said: a reader leaving is no error');
    // Two lines 0.2 s apart, and the next write finds the pipe closed: well within seconds.
    assert.ok(performance.now() - started < 10_000, `${(performance.now() - started).toFixed(0)} ms`);
  });

  for (const [signal, status] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`stops on ${signal} with status ${status}, its last line whole`, async () => {
      const { child, done } = startBin(['snapshot', '--json', '--watch', '-d', '1']);
      let seen = '';
      child.stdout.on('data', (d: Buffer) => (seen += d.toString()));
      const deadline = Date.now() + 20_000;
      while (seen.split('\n').length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      child.kill(signal);
      const result = await done;
      assert.equal(result.code, status, result.stderr);
      assert.equal(result.stderr, '');
      assert.ok(result.stdout.endsWith('\n'));
      const docs = parseLines(result.stdout);
      assert.ok(docs.length >= 2);
      assert.deepEqual(
        docs.map((d) => d.seq),
        docs.map((_, i) => i + 1),
      );
    });
  }

  it('stops on SIGTERM even for a reader that stopped reading', async () => {
    const { child, done } = startBin(['snapshot', '--json', '--watch', '-d', '1']);
    // Nothing reads its stdout: the pipe fills with its first lines, and then its writes wait.
    child.stdout.pause();
    await new Promise((r) => setTimeout(r, 3000));
    const started = performance.now();
    child.kill('SIGTERM');
    const exited = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    assert.equal(exited, 143);
    assert.ok(performance.now() - started < 5000, `${(performance.now() - started).toFixed(0)} ms after SIGTERM`);
    child.stdout.resume();
    const result = await done;
    // What the pipe held: whole lines (and perhaps the start of the one it was writing), a few at most.
    const lines = result.stdout
      .split('\n')
      .slice(0, -1)
      .map((l) => JSON.parse(l) as Line);
    assert.deepEqual(
      lines.map((d) => d.seq),
      lines.map((_, i) => i + 1),
    );
  });

  it('keeps only pool processes with --pool-only: workers, known by their title, and what they start', async () => {
    const s = await startServe(['-d', '5', '--pool', '2']);
    serves.push(s);
    const deadline = Date.now() + 20_000;
    let docs: Line[] = [];
    const ours = (doc: Line) => doc.processes.filter((p) => p.ppid === s.child.pid);
    while (Date.now() < deadline) {
      const r = await runBin(['snapshot', '--json', '--watch', '--pool-only', '-d', '2', '--count', '1']);
      assert.equal(r.code, 0, r.stderr);
      docs = parseLines(r.stdout);
      if (ours(docs[0]!).length === 2) break;
    }
    const doc = docs[0]!;
    assert.equal(ours(doc).length, 2, 'both workers of the serve');
    // Other pooltops on this machine may run pools too: every process listed is a worker or below one.
    const listed = new Set(doc.processes.map((p) => p.pid));
    for (const p of doc.processes) assert.ok(/^pooltop-worker \d+$/.test(p.command) || listed.has(p.ppid), p.command);
    const one = ours(doc)[0]!.pid;
    const narrowed = JSON.parse((await runBin(['snapshot', '--json', '--pool-only', '-p', `${one},1`])).stdout) as Line;
    assert.deepEqual(
      narrowed.processes.map((p) => p.pid),
      [one],
      'PID 1 is no pool process',
    );
  });
});

describe('runWatch and a slow reader', () => {
  it('takes no sample while a line waits for the reader, and goes on once it is taken', async () => {
    let samples = 0;
    const sampler: Sampler = {
      source: 'procfs',
      capabilities: { startTimePrecisionMs: 0, cpuTime: true },
      sample: async (): Promise<Sample> => sample([info(1, { cpuTime: samples++ })], { monotonic: performance.now() }),
      close: () => {},
    };
    const held: (() => void)[] = [];
    // A reader that takes nothing until told: each write waits for its callback.
    const out = new Writable({ highWaterMark: 1, write: (_chunk, _encoding, done) => void held.push(done) });
    const command = parseCommand(['snapshot', '--json', '--watch', '-d', '1', '--count', '3'], {});
    assert.equal(command.kind, 'snapshot');
    if (command.kind !== 'snapshot') return;
    const finished = runWatch({ ...command.options, delayMs: 20 }, out, sampler);
    await new Promise((r) => setTimeout(r, 300));
    // The first sample starts the deltas, the second is the first line: then nothing until it is read.
    assert.equal(samples, 2);
    held.shift()!();
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(samples, 3, 'one more sample once the line was taken');
    held.shift()!();
    await new Promise((r) => setTimeout(r, 100));
    held.shift()?.();
    assert.equal(await finished, 0);
    assert.equal(samples, 4, '--count 3: four samples, three lines');
  });
});
