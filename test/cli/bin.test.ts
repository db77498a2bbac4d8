import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runBin } from './run-bin.js';

describe('bin/pooltop', () => {
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
