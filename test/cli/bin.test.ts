import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { BIN, runBin, startBin } from './run-bin.js';

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
    assert.ok(flags.includes('--single-threaded-gc') && flags.includes('--max-semi-space-size=2'), `the launcher's flags, from: ${exec}`);
    // The snapshot samples for about half a second: time enough to read what the kernel has.
    const { child, done } = startBin(['snapshot', '--json']);
    const argv = await nodeCommandLine(child.pid!);
    assert.deepEqual(argv.slice(1), [...flags, BIN, 'snapshot', '--json'], `/proc/${child.pid}/cmdline`);
    assert.equal((await done).code, 0);
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

  it('refuses the interactive monitor without a terminal, pointing at snapshot', async () => {
    const r = await runBin([]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /needs a terminal.*pooltop snapshot/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });
});
