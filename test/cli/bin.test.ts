import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { readPidMax } from '../../src/platform/pid-max.js';
import { BIN, runBin, runBinRedirected, startBin } from './run-bin.js';

/** The command line of `pid` once sh has exec'd node in it (spawn returns when sh is running). */
async function nodeCommandLine(pid: number, timeoutMs = 10_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let argv: string[] = [];
  for (;;) {
    try {
      argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, -1);
    } catch {
      throw new Error(`PID ${pid} ended before node showed in its command line (last: ${argv.join(' ')})`);
    }
    if (basename(argv[0] ?? '') === 'node') return argv;
    if (Date.now() > deadline) throw new Error(`PID ${pid} still runs ${argv.join(' ')}`);
    await delay(5);
  }
}

describe('bin/pooltop', () => {
  it('is executable, in git too, so a clone runs it through its #! line as well', (t) => {
    assert.notEqual(statSync(BIN).mode & 0o111, 0, 'the file is executable');
    const git = spawnSync('git', ['ls-files', '--stage', 'bin/pooltop'], { cwd: dirname(dirname(BIN)), encoding: 'utf8' });
    if (git.status !== 0 || git.stdout === '') return t.skip('not in a git checkout');
    assert.match(git.stdout, /^100755 /, 'git records mode 100755');
  });

  it('starts node with the V8 flags on its second line', async () => {
    const [shebang = '', exec = ''] = readFileSync(BIN, 'utf8').split('\n');
    assert.equal(shebang, '#!/bin/sh');
    const flags = /exec node ((?:--\S+ )+)"\$0" "\$@"$/.exec(exec)?.[1]?.trim().split(' ') ?? [];
    assert.ok(flags.includes('--single-threaded-gc') && flags.includes('--optimize-for-size'), `the launcher's flags, from: ${exec}`);
    // The snapshot samples for about half a second: time enough to read what the kernel has.
    const { child, done } = startBin(['snapshot', '--json']);
    const argv = await nodeCommandLine(child.pid!);
    assert.deepEqual(argv.slice(1), [...flags, BIN, 'snapshot', '--json'], `/proc/${child.pid}/cmdline`);
    assert.equal((await done).code, 0);
  });

  describe("glibc's malloc arenas", () => {
    let primes: ChildProcess | null = null;
    afterEach(() => {
      if (primes !== null && primes.exitCode === null && primes.signalCode === null) primes.kill('SIGKILL');
      primes = null;
    });

    const environOf = (pid: number): string[] => readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');

    it('are two for pooltop unless the caller chose, and the programs it starts get the environment it was given', async () => {
      const env = { ...process.env };
      delete env['MALLOC_ARENA_MAX'];
      const { child, done } = startBin(['primes', '--workers', '1', '--from', '2000000000', '--to', '2100000000', '--step', '10000000'], { env });
      primes = child;
      await nodeCommandLine(child.pid!);
      assert.ok(environOf(child.pid!).includes('MALLOC_ARENA_MAX=2'), "node's own environment sets two arenas");
      // The worker is node's child. Until it has exec'd node on the worker, /proc shows the
      // environment its parent had when it forked, the launcher's included.
      const isWorker = (pid: number): boolean => {
        try {
          return /worker\.cjs|^pooltop-worker/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
        } catch {
          return false;
        }
      };
      let worker: number | undefined;
      const deadline = Date.now() + 20_000;
      while (worker === undefined) {
        if (Date.now() > deadline) throw new Error('no pool worker showed up');
        const children = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
        worker = children.find(isWorker);
        if (worker === undefined) await delay(20);
      }
      const inherited = environOf(worker).filter((v) => /^(MALLOC_ARENA_MAX|POOLTOP_MALLOC_ARENAS)=/.test(v));
      assert.deepEqual(inherited, [], "the worker's environment is pooltop's caller's");
      child.kill('SIGTERM');
      await done;
    });

    it("keep the caller's own setting", async () => {
      const { child, done } = startBin(['snapshot', '--json'], { env: { MALLOC_ARENA_MAX: '4' } });
      await nodeCommandLine(child.pid!);
      const arenas = environOf(child.pid!).filter((v) => /^(MALLOC_ARENA_MAX|POOLTOP_MALLOC_ARENAS)=/.test(v));
      assert.deepEqual(arenas, ['MALLOC_ARENA_MAX=4']);
      assert.equal((await done).code, 0);
    });
  });

  it('prints its version and help', async () => {
    const version = await runBin(['--version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^pooltop \d+\.\d+\.\d+\n$/);
    const help = await runBin(['--help']);
    assert.equal(help.code, 0);
    for (const option of ['--delay', '--user', '--pid', '--sort-key', '--source', '--no-color', '--help', '--version', 'snapshot']) {
      assert.ok(help.stdout.includes(option), `help mentions ${option}`);
    }
    assert.match(help.stdout, /default 10/);
  });

  it('exits 2 with one line and no stack trace for each bad option', async () => {
    const cases = [['-d', 'abc'], ['-d', '-5'], ['-d', '0'], ['-p', '1,x'], ['-u', 'nosuchuser'], ['--bogus'], ['-s', 'nope'], ['snapshot', '--bogus']];
    const results = await Promise.all(cases.map((args) => runBin(args)));
    results.forEach((r, i) => {
      const args = cases[i]!.join(' ');
      assert.equal(r.code, 2, `${args}: exit 2`);
      assert.equal(r.stdout, '', `${args}: nothing on stdout`);
      assert.equal(r.stderr.trim().split('\n').length, 1, `${args}: one line, got ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /\bat .*\.js:\d+/, `${args}: no stack trace`);
      assert.match(r.stderr, /^pooltop/);
    });
  });

  it('refuses non-canonical UIDs, UIDs beyond uid_t and PIDs beyond pid_max − 1, each in one line', async () => {
    const pidMax = readPidMax();
    const cases: Array<[string[], RegExp]> = [
      [['snapshot', '-u', '0012345'], /-u\/--user: "0012345" is not a UID as the system writes it/],
      [['snapshot', '-u', '99999999999999999999'], /-u\/--user: UID 99999999999999999999 is out of range/],
      [['snapshot', '-p', String(pidMax)], new RegExp(`-p/--pid takes a comma-separated list of PIDs from 1 to ${pidMax - 1} \\(got "${pidMax}"\\)`)],
      [['-u', '0012345'], /is not a UID/],
    ];
    const results = await Promise.all(cases.map(([args]) => runBin(args)));
    results.forEach((r, i) => {
      const [args, message] = cases[i]!;
      assert.equal(r.code, 2, `${args.join(' ')}: exit 2`);
      assert.equal(r.stderr.trim().split('\n').length, 1, `${args.join(' ')}: one line, got ${r.stderr}`);
      assert.match(r.stderr, message);
    });
  });

  it('refuses the interactive monitor without a terminal, pointing at snapshot', async () => {
    const r = await runBin([]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /needs a terminal.*pooltop snapshot/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });

  it('a write error exits 1 with one line on stderr: stdout full or closed, for every mode that prints', async () => {
    const cases: Array<[string[], '>&-' | '> /dev/full']> = [];
    for (const args of [
      ['snapshot'],
      ['snapshot', '--json'],
      ['snapshot', '--tree'],
      ['--version'],
      ['--help'],
      ['primes', '--from', '1000000', '--to', '1000001'],
      ['sumsq', '--base', '10', '--count', '1'],
    ]) {
      cases.push([args, '> /dev/full'], [args, '>&-']);
    }
    const results = await Promise.all(cases.map(([args, redirection]) => runBinRedirected(args, redirection)));
    results.forEach((r, i) => {
      const [args, redirection] = cases[i]!;
      const what = `${args.join(' ')} ${redirection}`;
      assert.equal(r.code, 1, `${what}: exit 1 (stderr: ${r.stderr})`);
      assert.equal(r.stderr.trim().split('\n').length, 1, `${what}: one line, got ${r.stderr}`);
      assert.match(
        r.stderr,
        redirection === '>&-' ? /^pooltop: cannot write to standard output \(it is closed\)$/m : /^pooltop: cannot write to standard output \(ENOSPC/,
        what,
      );
    });
  });

  it('a reader that leaves early (| head) is no error: exit 0, nothing on stderr', async () => {
    // `true` has exited before the snapshot is written (half a second in): the write meets EPIPE.
    const script = 'exec 3>&1; { "$0" snapshot --json; echo "status=$?" >&3; } | true';
    const r = await new Promise<{ stdout: string; stderr: string }>((resolve) => {
      const child = spawn('/bin/sh', ['-c', script, BIN], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', () => resolve({ stdout, stderr }));
    });
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, 'status=0\n');
  });
});

describe('bin/pooltop -u with a UID that has no passwd entry', () => {
  let sleeper: ChildProcess | null = null;
  afterEach(() => {
    if (sleeper !== null && sleeper.exitCode === null && sleeper.signalCode === null) sleeper.kill('SIGKILL');
    sleeper = null;
  });

  const UID = 4242;
  const inPasswd = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .some((line) => line.split(':')[2] === String(UID));
  const skip = process.getuid?.() !== 0 ? 'needs root to start a process as another UID' : inPasswd ? `UID ${UID} has a passwd entry here` : false;

  it('takes the UID when a process runs as it, and lists that process', { skip }, async () => {
    const proc = spawn('sleep', ['30'], { uid: UID, gid: UID, stdio: 'ignore' });
    sleeper = proc;
    await new Promise((resolve) => proc.once('spawn', resolve));
    const r = await runBin(['snapshot', '-u', String(UID)]);
    assert.equal(r.code, 0, r.stderr);
    const rows = r.stdout.split('\n').filter((line) => /^\s*\d+\s/.test(line));
    assert.ok(
      rows.some((line) => new RegExp(`^\\s*${proc.pid}\\s+\\d+\\s+${UID}\\s.*sleep 30`).test(line)),
      r.stdout,
    );
    assert.ok(
      rows.every((line) => line.split(/\s+/).filter(Boolean)[2] === String(UID)),
      'only that UID’s processes',
    );
  });
});
