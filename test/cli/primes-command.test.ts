// `pooltop primes` run in-process with captured output, and as bin/pooltop (real workers from
// dist/: build first).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, it } from 'node:test';
import { parsePrimesArgs, runPrimesCommand } from '../../src/cli/primes-command.js';
import { REPO_ROOT } from '../e2e/pooltop-session.js';
import { itRejectsUsage, runCaptured } from './batch-usage.js';
import { childrenOf, killLeftoverWorkers, readProc, signalProcess, type ProcRef } from '../e2e/proc-table.js';

const SEED = ['1000003', '2000003', '3000017', '4000037', '5000011', '6000011', '7000003', '8000009', '9000011'];
const TIME_LINE = /^(real|user|sys)\t\d+m\d+\.\d{3}s$/;

const run = (argv: string[]) => runCaptured(runPrimesCommand, argv);

describe('pooltop primes', () => {
  it("defaults reproduce the seed: the nine primes, each with its worker's PID, then real/user/sys", async () => {
    const { status, out, err } = await run([]);
    assert.equal(status, 0, err);
    assert.equal(err, '');
    const lines = out.split('\n');
    const results = lines.slice(0, 9).map((line) => /^(\d+)\tpid (\d+)$/.exec(line));
    assert.ok(
      results.every((m) => m !== null),
      out,
    );
    assert.deepEqual(results.map((m) => m?.[1]).sort(), SEED);
    assert.ok(results.every((m) => Number(m?.[2]) >= 2));
    const times = lines.filter((l) => TIME_LINE.test(l));
    assert.deepEqual(
      times.map((l) => l.split('\t')[0]),
      ['real', 'user', 'sys'],
    );
    assert.match(out, /^cores busy: \d+\.\d\d /m);
  });

  it('--ordered prints them in submission order, like Pool.map', async () => {
    const { status, out, err } = await run(['--ordered', '--workers', '2']);
    assert.equal(status, 0);
    const lines = out.split('\n').slice(0, 9);
    assert.deepEqual(
      lines.map((l) => l.split('\t')[0]),
      SEED,
    );
    for (const line of lines) assert.match(line, /^\d+\tpid \d+$/, 'each with the PID of the worker that found it');
    assert.match(err, /^pooltop primes: 2 workers: 9 of 9 tasks done, \d+\.\d s, \d+\.\d\d of a core on each task$/m, 'progress while nothing prints');
  });

  it('--sqrt finds the same primes; a custom range with underscores works', async () => {
    const { status, out } = await run(['--sqrt', '--ordered', '--from', '1_000_000', '--to', '4_000_001', '--step', '1_500_000']);
    assert.equal(status, 0);
    assert.deepEqual(
      out
        .split('\n')
        .slice(0, 3)
        .map((l) => l.split('\t')[0]),
      ['1000003', '2500009', '4000037'],
    );
  });

  it('--compare reruns on one worker and prints speedup and parallel efficiency', async () => {
    const { status, out } = await run(['--compare', '--workers', '2', '--to', '4000000']);
    assert.equal(status, 0);
    assert.match(out, /^1 worker: real \d+m\d+\.\d{3}s {2}user \d+m\d+\.\d{3}s {2}sys \d+m\d+\.\d{3}s; its worker got \d+\.\d\d of a core while on a task$/m);
    assert.match(out, /^speedup: \d+\.\d\dx on 2 workers; parallel efficiency \d+\.\d\d \(speedup ÷ workers\)$/m);
  });

  it('--help lists every option with its default and exits 0', async () => {
    const { status, out, err } = await run(['-h']);
    assert.equal(status, 0);
    assert.equal(err, '');
    for (const option of ['--workers', '--from', '--to', '--step', '--naive', '--sqrt', '--ordered', '--compare', '--help']) {
      assert.ok(out.includes(option), option);
    }
    for (const value of ['1000000', '10000000']) assert.ok(out.includes(`default: ${value}`), value);
  });

  const BAD: Array<[string[], RegExp]> = [
    [['--workers', 'x'], /^--workers must be an integer from 1 to 256 \(got "x"\)$/],
    [['--workers', '0'], /^--workers must be an integer from 1 to 256 \(got "0"\)$/],
    [['--workers', '1e3'], /^--workers must be an integer from 1 to 256/],
    [['--workers', '999999999999999999999999'], /^--workers must be/],
    [['--workers'], /^--workers needs a value$/],
    [['--from', '-5'], /^--from must be an integer from 2 to 2147483647 \(got "-5"\)$/],
    [['--to', '2147483649'], /^--to must be an integer from 3 to 2147483648/],
    [['--step', '0'], /^--step must be an integer from 1 to 2147483647/],
    [['--from', '9', '--to', '9'], /^--from must be below --to \(got 9 and 9\)$/],
    [['--from', '2', '--to', '2000000', '--step', '1'], /^--from 2 --to 2000000 --step 1 make 1999998 tasks; at most 100000/],
    [['--naive', '--sqrt'], /^--naive and --sqrt exclude each other$/],
    [['--ordered=yes'], /^--ordered takes no value \(got "yes"\)$/],
    [['--bogus'], /^unknown option "--bogus"/],
    [['-x'], /^unknown option "-x"/],
    [['extra'], /^unexpected argument "extra"$/],
    [['--from', '\u001b]0;pwned\u0007'], /^--from must be an integer from 2 to 2147483647 \(got "\^\[\]0;pwned\^G"\)$/],
  ];

  itRejectsUsage('primes', runPrimesCommand, BAD);

  it('parses defaults without touching processes', () => {
    const parsed = parsePrimesArgs([]);
    assert.ok(!('error' in parsed));
    assert.equal(parsed.from, 1_000_000);
    assert.equal(parsed.to, 10_000_000);
    assert.equal(parsed.step, 1_000_000);
    assert.equal(parsed.method, 'naive');
    assert.ok(parsed.workers >= 1);
  });
});

describe('pooltop primes interrupted', () => {
  let child: ChildProcess | null = null;
  let workerPids: number[] = [];

  afterEach(() => {
    if (child !== null && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    killLeftoverWorkers(workerPids);
    child = null;
    workerPids = [];
  });

  /** Live (not zombie) children of `ppid`, from /proc/[pid]/stat. */
  const liveChildrenOf = (ppid: number): number[] =>
    childrenOf(ppid)
      .filter((p) => p.state !== 'Z')
      .map((p) => p.pid);

  it('SIGINT stops every worker and exits 130 with one line', async () => {
    const source = fileURLToPath(new URL('../../src/cli/primes-command.ts', import.meta.url));
    const script = `const { runPrimesCommand } = await import(${JSON.stringify(source)});
process.exitCode = await runPrimesCommand(['--workers', '2', '--from', '2000000000', '--to', '2100000000', '--step', '10000000'], process);`;
    const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let err = '';
    proc.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    const pid = proc.pid as number;
    // tsx compiles the command's modules first: at a load of 30 that alone took over 10 s.
    const deadline = Date.now() + 30_000;
    while (liveChildrenOf(pid).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    workerPids = liveChildrenOf(pid);
    assert.equal(workerPids.length, 2, 'two workers started');
    await new Promise((r) => setTimeout(r, 200));
    proc.kill('SIGINT');
    const code = await exited;
    assert.equal(code, 130);
    assert.equal(err, 'pooltop primes: interrupted by SIGINT; every worker was stopped\n');
    for (const w of workerPids) {
      const state = readProc(w)?.state;
      const alive = state !== undefined && state !== 'Z';
      assert.equal(alive, false, `worker ${w} still running`);
    }
  });
});

describe('pooltop primes when its workers die as they start', () => {
  let child: ChildProcess | null = null;
  let killed: ProcRef[] = [];
  let copy: string | null = null;

  afterEach(() => {
    if (child !== null && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const worker of killed) signalProcess(worker, 'SIGKILL');
    if (copy !== null) rmSync(copy, { recursive: true, force: true });
    child = null;
    killed = [];
    copy = null;
  });

  /** `bin/pooltop primes …` run as a user runs it (from `root`, default the repository). */
  function primes(args: string[], root = REPO_ROOT): { proc: ChildProcess; done: Promise<{ code: number | null; out: string; err: string }> } {
    const proc = spawn(join(root, 'bin', 'pooltop'), ['primes', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let out = '';
    let err = '';
    proc.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    proc.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    return { proc, done: new Promise((resolve) => proc.on('close', (code) => resolve({ code, out, err }))) };
  }

  it('a worker that cannot start: says so, with its exit status and what it wrote', async () => {
    // An installed copy whose worker is broken, as a half-finished build leaves it.
    copy = mkdtempSync(join(tmpdir(), 'pooltop-copy-'));
    for (const part of ['bin', 'dist', 'package.json']) cpSync(join(REPO_ROOT, part), join(copy, part), { recursive: true });
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(copy, 'node_modules'));
    writeFileSync(join(copy, 'dist', 'pool', 'worker.cjs'), "process.stderr.write('boom: cannot start\\n');\nprocess.exit(3);\n");
    const { code, out, err } = await primes(['--workers', '2'], copy).done;
    assert.equal(code, 1);
    assert.equal(out, '');
    assert.equal(err, 'pooltop primes: workers died as they started, 3 in a row (the last exited with status 3: boom: cannot start)\n');
  });

  it('workers killed as they start (three in a row): says so and why, not "the pool was shut down"', async () => {
    const { proc, done } = primes(['--workers', '2', '--from', '2000000000', '--to', '2100000000', '--step', '10000000']);
    const pid = proc.pid as number;
    // Every worker it starts is ended as soon as it shows in /proc (before it can say ready).
    let finished = false;
    void done.then(() => (finished = true));
    const deadline = Date.now() + 20_000;
    while (!finished && Date.now() < deadline) {
      for (const worker of childrenOf(pid).filter((p) => p.state !== 'Z')) {
        killed.push(worker);
        signalProcess(worker, 'SIGKILL');
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    const { code, err } = await done;
    assert.equal(code, 1);
    assert.match(err, /^pooltop primes: workers died as they started, \d+ in a row \(the last was killed by SIGKILL\)\n$/);
  });
});
