// The command lines of record and replay: what each option takes, and one line for what it does not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommand } from '../../src/cli/parse-options.js';
import { UsageError } from '../../src/cli/usage-error.js';

describe('record and replay options', () => {
  it('pooltop record FILE takes an interval, a duration and a count', () => {
    assert.deepEqual(parseCommand(['record', 'a.ptr']), {
      kind: 'record',
      options: { file: 'a.ptr', delayMs: 1000, durationMs: null, count: null, source: null },
    });
    assert.deepEqual(parseCommand(['record', '-d', '5', 'a.ptr', '--duration', '3600', '--count', '10']), {
      kind: 'record',
      options: { file: 'a.ptr', delayMs: 500, durationMs: 3_600_000, count: 10, source: null },
    });
    assert.deepEqual(parseCommand(['record', '--help']), { kind: 'help', text: 'record' });
  });

  it('pooltop replay FILE takes the view options, and -u any name the recording may show', () => {
    const c = parseCommand(['replay', 'a.ptr', '-t', '-s', 'mem', '-u', 'someone-elsewhere'], {});
    assert.equal(c.kind, 'replay');
    if (c.kind !== 'replay') return;
    assert.equal(c.options.file, 'a.ptr');
    assert.equal(c.options.monitor.tree, true);
    assert.equal(c.options.monitor.sortKey, 'mem');
    assert.equal(c.options.monitor.user, 'someone-elsewhere');
    assert.equal(c.options.monitor.pool, null);
    assert.equal(c.options.monitor.record, null);
    assert.equal(c.options.monitor.given.sortKey, true);
  });

  it('pooltop --record FILE records beside the monitor', () => {
    const c = parseCommand(['--record', 'session.ptr'], {});
    assert.ok(c.kind === 'monitor' && c.options.record === 'session.ptr');
    assert.ok(c.kind === 'monitor' && parseCommand([], {}).kind === 'monitor');
  });

  const bad: [string[], RegExp][] = [
    [['record'], /^pooltop record: name the recording's file \(see pooltop record --help\)$/],
    [['record', 'a', 'b'], /^pooltop record: one file only \(got 2 arguments/],
    [['record', 'a', '--duration', '0'], /^pooltop record: --duration must be a number of seconds from 1 to 315360000 \(got "0"\)$/],
    [['record', 'a', '--duration', '1e9'], /--duration must be/],
    [['record', 'a', '--count', '-3'], /^pooltop record: --count must be a number of samples from 1 to 1000000000 \(got "-3"\)$/],
    [['record', 'a', '-d', '0'], /-d\/--delay must be/],
    [['record', 'a', '--pool', '2'], /^pooltop record: unknown option '--pool'/],
    [['record', ''], /^pooltop record needs a file name/],
    [['replay'], /^pooltop replay: name the recording's file/],
    [['replay', 'a', '--record', 'b'], /^pooltop replay: unknown option '--record'/],
    [['replay', 'a', '-u', 'evil\u001b[2J'], /^pooltop replay: -u\/--user takes a user name as the recording shows it \(got "evil\^\[\[2J"\)$/],
    [['replay', 'a', '--color', '--no-color'], /contradict/],
    [['--record', ''], /^pooltop: --record needs a file name/],
  ];
  for (const [argv, message] of bad) {
    it(`refuses ${JSON.stringify(argv)} in one line`, () => {
      assert.throws(
        () => parseCommand(argv, {}),
        (e) => e instanceof UsageError && e.exitCode === 2 && message.test(e.message),
      );
    });
  }
});
