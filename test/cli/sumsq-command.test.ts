// `pooltop sumsq` run in-process with captured output (real workers from dist/: build first), its
// sums checked against python3's own, and --compare starved of a core for real.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { parseSumsqArgs, runSumsqCommand } from '../../src/cli/sumsq-command.js';
import { REPO_ROOT } from '../e2e/pooltop-session.js';
import { itRejectsUsage, runCaptured } from './batch-usage.js';
import { readProc, signalProcess, waitUntilGone, type ProcRef } from '../e2e/proc-table.js';

const RESULT = /^cpu_bound\((\d+)\) = (\d+)\tpid (\d+)$/;

const run = (argv: string[]) => runCaptured(runSumsqCommand, argv);

/** Σ i² for i < n, in closed form: (n − 1) n (2n − 1) / 6. */
const closedForm = (n: number): string => {
  const b = BigInt(n);
  return (((b - 1n) * b * (2n * b - 1n)) / 6n).toString();
};

const hasPython = spawnSync('python3', ['-c', 'pass']).status === 0;

describe('pooltop sumsq', () => {
  it("defaults are the seed's: cpu_bound(5000000 … 5000019), each exact, with its worker's PID, then the times", async () => {
    const { status, out, err } = await run([]);
    assert.equal(status, 0, err);
    assert.equal(err, '');
    const lines = out.split('\n');
    const results = lines.slice(0, 20).map((line) => RESULT.exec(line));
    assert.ok(
      results.every((m) => m !== null),
      out,
    );
    const ns = results.map((m) => Number(m?.[1]));
    assert.deepEqual(
      [...ns].sort((a, b) => a - b),
      Array.from({ length: 20 }, (_, x) => 5_000_000 + x),
    );
    for (const m of results) assert.equal(m?.[2], closedForm(Number(m?.[1])));
    assert.deepEqual(
      lines.filter((l) => /^(real|user|sys)\t\d+m\d+\.\d{3}s$/.test(l)).map((l) => l.split('\t')[0]),
      ['real', 'user', 'sys'],
    );
    assert.match(
      out,
      /^cores busy: \d+\.\d\d \(\(user \+ sys\) ÷ real\) with \d+ workers?, 20 tasks; (each|its) worker got \d+\.\d\d of a core while on a task$/m,
    );
  });

  it("equals python3's sum(i * i for i in range(n)) digit for digit", { skip: hasPython ? false : 'python3 is not installed' }, async () => {
    const ns = [0, 1, 2, 1000, 3_000_017];
    const python = spawnSync('python3', ['-c', `for n in ${JSON.stringify(ns)}: print(n, sum(i * i for i in range(n)))`], { encoding: 'utf8' });
    assert.equal(python.status, 0, python.stderr);
    const expected = python.stdout
      .trim()
      .split('\n')
      .map((line) => line.split(' '));
    const got = new Map<string, string>();
    for (const [base] of expected) {
      const { status, out } = await run(['--base', base!, '--count', '1', '--workers', '1']);
      assert.equal(status, 0);
      const m = RESULT.exec(out.split('\n')[0]!);
      got.set(m?.[1] ?? '', m?.[2] ?? '');
    }
    for (const [n, sum] of expected) assert.equal(got.get(n!), sum, `cpu_bound(${n})`);
  });

  it('--ordered prints in submission order, like Pool.map, with progress on stderr meanwhile', async () => {
    const { status, out, err } = await run(['--ordered', '--workers', '2', '--base', '1_000_000', '--count', '6']);
    assert.equal(status, 0, err);
    assert.deepEqual(
      out
        .split('\n')
        .slice(0, 6)
        .map((l) => RESULT.exec(l)?.[1]),
      ['1000000', '1000001', '1000002', '1000003', '1000004', '1000005'],
    );
    const progress = err.trimEnd().split('\n');
    assert.equal(progress[0], 'pooltop sumsq: 2 workers: 0 of 6 tasks done, 0.0 s');
    assert.match(progress.at(-1)!, /^pooltop sumsq: 2 workers: 6 of 6 tasks done, \d+\.\d s, \d+\.\d\d of a core on each task$/);
  });

  it('--compare reruns on one worker with progress, and prints each run’s share of a core, the speedup and the efficiency', async () => {
    const { status, out, err } = await run(['--compare', '--workers', '2', '--base', '2_000_000', '--count', '8']);
    assert.equal(status, 0, err);
    assert.match(out, /^cores busy: \d+\.\d\d .* with 2 workers, 8 tasks; each worker got \d+\.\d\d of a core while on a task$/m);
    assert.match(out, /^1 worker: real \d+m\d+\.\d{3}s {2}user \d+m\d+\.\d{3}s {2}sys \d+m\d+\.\d{3}s; its worker got \d+\.\d\d of a core while on a task$/m);
    assert.match(out, /^speedup: \d+\.\d\dx on 2 workers; parallel efficiency \d+\.\d\d \(speedup ÷ workers\)$/m);
    // Only the rerun prints nothing as it goes: its progress is the only one.
    assert.match(err, /^pooltop sumsq: 1 worker: 0 of 8 tasks done, 0\.0 s$/m);
    assert.match(err, /^pooltop sumsq: 1 worker: 8 of 8 tasks done, /m);
    assert.doesNotMatch(err, /2 workers: \d+ of/);
  });

  it('--help lists every option with its default and exits 0', async () => {
    const { status, out, err } = await run(['--help']);
    assert.equal(status, 0);
    assert.equal(err, '');
    for (const option of ['--workers', '--base', '--count', '--ordered', '--compare', '--help']) assert.ok(out.includes(option), option);
    for (const value of ['5000000', '20']) assert.ok(out.includes(`default: ${value}`), value);
  });

  const BAD: Array<[string[], RegExp]> = [
    [['--workers', '0'], /^--workers must be an integer from 1 to 256 \(got "0"\)$/],
    [['--base', '-1'], /^--base must be an integer from 0 to 2147483647 \(got "-1"\)$/],
    [['--count', '0'], /^--count must be an integer from 1 to 100000 \(got "0"\)$/],
    [['--count', '100001'], /^--count must be an integer from 1 to 100000/],
    [['--base', '2147483647', '--count', '2'], /^--base 2147483647 --count 2 go up to n = 2147483648; at most 2147483647$/],
    [['--base'], /^--base needs a value$/],
    [['--from', '5'], /^unknown option "--from" \(see pooltop sumsq --help\)$/],
    [['--sqrt'], /^unknown option "--sqrt"/],
    [['--compare=1'], /^--compare takes no value \(got "1"\)$/],
    [['9'], /^unexpected argument "9"$/],
    [['--base', '\u001b[2J'], /^--base must be an integer from 0 to 2147483647 \(got "\^\[\[2J"\)$/],
  ];

  itRejectsUsage('sumsq', runSumsqCommand, BAD);

  it('parses defaults without touching processes', () => {
    const parsed = parseSumsqArgs([]);
    assert.ok(!('error' in parsed));
    assert.equal(parsed.base, 5_000_000);
    assert.equal(parsed.count, 20);
    assert.ok(parsed.workers >= 1);
  });
});

describe('pooltop sumsq --compare on a core shared with a busy loop', () => {
  const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
  let hog: ChildProcess | null = null;
  let hogRef: ProcRef | null = null;
  let pooltop: ChildProcess | null = null;

  afterEach(async () => {
    if (pooltop !== null && pooltop.exitCode === null && pooltop.signalCode === null) pooltop.kill('SIGKILL');
    if (hogRef !== null) {
      signalProcess(hogRef, 'SIGKILL');
      await waitUntilGone([hogRef], 5000);
    }
    hog = pooltop = hogRef = null;
  });

  it('warns that each run got about half a core, and what that does to its figures', { skip: hasTaskset ? false : 'taskset is not installed' }, async () => {
    // Both on CPU 0: the kernel shares it between the busy loop and whichever worker runs. The
    // loop ends by itself within a minute should this test die before its hook.
    hog = spawn('taskset', ['-c', '0', process.execPath, '-e', 'const end = Date.now() + 60_000; while (Date.now() < end);'], { stdio: 'ignore' });
    const pid = hog.pid as number;
    const deadline = Date.now() + 10_000;
    // taskset execs node: wait until the PID is node's loop, then keep its identity for the kill.
    while (Date.now() < deadline && readProc(pid)?.state !== 'R') await new Promise((r) => setTimeout(r, 20));
    hogRef = readProc(pid);
    assert.ok(hogRef !== null, 'the busy loop runs');
    const proc = spawn(
      'taskset',
      ['-c', '0', join(REPO_ROOT, 'bin', 'pooltop'), 'sumsq', '--workers', '1', '--compare', '--base', '20_000_000', '--count', '4'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    pooltop = proc;
    let out = '';
    let err = '';
    proc.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    proc.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => proc.on('close', (c) => resolve(c)));
    assert.equal(code, 0, err);
    const share = /^1 worker: .*; its worker got (\d+\.\d\d) of a core while on a task$/m.exec(out);
    assert.ok(share !== null, out);
    assert.ok(Number(share[1]) < 0.9, `the rerun shared its core: ${share[1]}`);
    assert.match(
      err,
      /^pooltop sumsq: warning: the 1-worker run got \d+\.\d\d of a core while on a task \(other programs had the rest\): its real time is too long, which makes the speedup and efficiency look too high$/m,
    );
    assert.match(err, /^pooltop sumsq: warning: the pool's worker got \d+\.\d\d of a core while on a task .*look too low$/m);
    assert.match(err, /^pooltop sumsq: warning: these figures hold only when every worker has a core of its own/m);
  });
});
