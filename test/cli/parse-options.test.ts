import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommand, parseDelay, parsePids, parseUser } from '../../src/cli/parse-options.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { UserNames } from '../../src/sampling/user-names.js';

function usage(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof UsageError, `a UsageError, got ${String(error)}`);
    assert.equal(error.exitCode, 2);
    assert.match(error.message, pattern);
    assert.doesNotMatch(error.message, /\n/, 'one line');
    return true;
  });
}

describe("parseCommand: -H, --highlight-changes[=secs] (htop's)", () => {
  const secs = (argv: string[]): number | null => {
    const command = parseCommand(argv, {});
    assert.equal(command.kind, 'monitor');
    return command.kind === 'monitor' ? command.options.highlightSecs : null;
  };

  it("is off unless given; bare, it takes htop's 5 seconds; a value as htop takes one", () => {
    assert.equal(secs([]), null);
    assert.equal(secs(['-H']), 5);
    assert.equal(secs(['--highlight-changes']), 5);
    assert.equal(secs(['-H', '-t']), 5, 'the next option is not its value');
    assert.equal(secs(['--highlight-changes=12']), 12);
    assert.equal(secs(['-H12']), 12);
  });

  it('refuses seconds outside 1 to a day, in one line', () => {
    for (const bad of ['0', '86401', 'x', '-3', '1.5'])
      usage(() => parseCommand([`--highlight-changes=${bad}`], {}), /-H\/--highlight-changes takes how many seconds .* from 1 to 86400/);
  });
});

describe('parseCommand', () => {
  it('defaults to the monitor at a 1 s delay sorted by CPU%', () => {
    const command = parseCommand([], {});
    assert.equal(command.kind, 'monitor');
    if (command.kind !== 'monitor') return;
    assert.equal(command.options.delayMs, 1000);
    assert.equal(command.options.sortKey, 'cpu');
    assert.equal(command.options.color, true);
    assert.equal(command.options.source, null);
  });

  it('reads every monitor option, short and long', () => {
    const command = parseCommand(['-d', '5', '-p', '1,2,2', '-s', 'mem', '--source', 'ps-list', '--no-color', '-u', 'root'], {});
    assert.deepEqual(command, {
      kind: 'monitor',
      options: {
        delayMs: 500,
        pids: [1, 2],
        sortKey: 'mem',
        source: 'ps-list',
        color: false,
        user: 'root',
        tree: false,
        given: { delay: true, sortKey: true, tree: false, color: true },
        noColorEnv: false,
        colorScheme: null,
        mouse: true,
        pool: null,
        metricsListen: null,
        readonly: false,
        highlightSecs: null,
        record: null,
        run: null,
      },
    });
    const long = parseCommand(['--delay=20', '--pid=7', '--sort-key=pid', '--user=root', '--tree'], {});
    assert.equal(long.kind === 'monitor' && long.options.delayMs, 2000);
    assert.equal(long.kind === 'monitor' && long.options.tree, true);
  });

  it('reads --readonly, which starts no pool', () => {
    const command = parseCommand(['--readonly'], {});
    assert.equal(command.kind === 'monitor' && command.options.readonly, true);
    usage(() => parseCommand(['--readonly', '--pool', '2'], {}), /--readonly and --pool contradict/);
  });

  it('reads snapshot --details, only with --json and -p, and --env only with it', () => {
    const snap = parseCommand(['snapshot', '--json', '-p', '7', '--details', '--env'], {});
    assert.equal(snap.kind === 'snapshot' && snap.options.details && snap.options.env, true);
    usage(() => parseCommand(['snapshot', '--details', '-p', '7'], {}), /--details needs --json and -p/);
    usage(() => parseCommand(['snapshot', '--json', '--details'], {}), /--details needs --json and -p/);
    usage(() => parseCommand(['snapshot', '--json', '-p', '7', '--env'], {}), /--env applies to --details/);
    usage(() => parseCommand(['snapshot', '--json', '-p', '7', '--details', '--watch'], {}), /prints once/);
  });

  it('honours NO_COLOR, and --color over it', () => {
    const command = parseCommand([], { NO_COLOR: '1' });
    assert.equal(command.kind === 'monitor' && command.options.color, false);
    assert.equal(command.kind === 'monitor' && command.options.noColorEnv, true);
    const forced = parseCommand(['--color'], { NO_COLOR: '1' });
    assert.equal(forced.kind === 'monitor' && forced.options.color, true);
    usage(() => parseCommand(['--color', '--no-color'], {}), /contradict/);
    const empty = parseCommand([], { NO_COLOR: '' });
    assert.equal(empty.kind === 'monitor' && empty.options.color, true);
  });

  it('reads --pool and hands primes its own arguments', () => {
    const command = parseCommand(['--pool', '4'], {});
    assert.equal(command.kind === 'monitor' && command.options.pool, 4);
    assert.deepEqual(parseCommand(['primes', '--workers', '2'], {}), { kind: 'primes', argv: ['--workers', '2'] });
    assert.deepEqual(parseCommand(['sumsq', '--compare'], {}), { kind: 'sumsq', argv: ['--compare'] });
  });

  it('knows help, version and snapshot', () => {
    assert.deepEqual(parseCommand(['-h'], {}), { kind: 'help', text: 'monitor' });
    assert.deepEqual(parseCommand(['--version'], {}), { kind: 'version' });
    assert.deepEqual(parseCommand(['-V'], {}), { kind: 'version' });
    assert.deepEqual(parseCommand(['snapshot', '--help'], {}), { kind: 'help', text: 'snapshot' });
    const snap = parseCommand(['snapshot', '--json', '-s', 'pid', '-p', '1'], {});
    assert.equal(snap.kind, 'snapshot');
    assert.equal(snap.kind === 'snapshot' && snap.options.json, true);
  });

  it('rejects bad options and values with one line naming the option', () => {
    usage(() => parseCommand(['-d', 'abc'], {}), /-d\/--delay .*"abc"/);
    usage(() => parseCommand(['-d', '-5'], {}), /-d\/--delay .*"-5"/);
    usage(() => parseCommand(['-d', '0'], {}), /-d\/--delay .*"0"/);
    usage(() => parseCommand(['-d', '1.5'], {}), /-d\/--delay/);
    usage(() => parseCommand(['-d', '601'], {}), /-d\/--delay/);
    usage(() => parseCommand(['-d'], {}), /-d, --delay needs a value/);
    usage(() => parseCommand(['-p', '1,x'], {}), /-p\/--pid .*"x"/);
    usage(() => parseCommand(['-p', '0'], {}), /-p\/--pid/);
    usage(() => parseCommand(['-p', ''], {}), /-p\/--pid/);
    usage(() => parseCommand(['-u', 'nosuchuser-pooltop'], {}), /-u\/--user: no such user "nosuchuser-pooltop"/);
    usage(() => parseCommand(['-s', 'bogus'], {}), /-s\/--sort-key: unknown column "bogus"/);
    usage(() => parseCommand(['--source', 'wmi'], {}), /--source must be one of procfs, systeminformation, ps-list/);
    usage(() => parseCommand(['--frobnicate'], {}), /unknown option '--frobnicate'/);
    usage(() => parseCommand(['stray'], {}), /unexpected argument 'stray'/);
    usage(() => parseCommand(['--pool', '0'], {}), /--pool must be a number of workers from 1 to 256 \(got "0"\)/);
    usage(() => parseCommand(['--pool', '100000'], {}), /--pool .*"100000"/);
    usage(() => parseCommand(['--pool', 'two'], {}), /--pool .*"two"/);
    usage(() => parseCommand(['snapshot', '--delay', '5'], {}), /pooltop snapshot: -d\/--delay applies to --watch/);
  });

  it('reads snapshot --watch, its interval and count, and --pool-only', () => {
    const watch = parseCommand(['snapshot', '--json', '--watch', '-d', '5', '--count', '3', '--pool-only', '-u', 'root'], {});
    assert.equal(watch.kind, 'snapshot');
    if (watch.kind !== 'snapshot') return;
    assert.deepEqual(
      { watch: watch.options.watch, delayMs: watch.options.delayMs, count: watch.options.count, poolOnly: watch.options.poolOnly, user: watch.options.user },
      { watch: true, delayMs: 500, count: 3, poolOnly: true, user: 'root' },
    );
    const plain = parseCommand(['snapshot', '--json', '--watch'], {});
    assert.equal(plain.kind === 'snapshot' && plain.options.count, null, 'until stopped');
    assert.equal(plain.kind === 'snapshot' && plain.options.delayMs, 1000);
    assert.equal(parseCommand(['snapshot', '--pool-only'], {}).kind, 'snapshot', '--pool-only works without --watch too');
    usage(() => parseCommand(['snapshot', '--watch'], {}), /--watch prints a line of JSON per sample: add --json/);
    usage(() => parseCommand(['snapshot', '--json', '--count', '2'], {}), /--count applies to --watch/);
    usage(() => parseCommand(['snapshot', '--json', '--watch', '--count', '0'], {}), /--count must be a number of samples from 1 to 1000000000 \(got "0"\)/);
    usage(() => parseCommand(['snapshot', '--json', '--watch', '--count', '1e3'], {}), /--count .*"1e3"/);
  });

  it('reads serve: where to listen, the interval, which processes, the pool', () => {
    assert.deepEqual(parseCommand(['serve'], {}), {
      kind: 'serve',
      options: {
        listen: { host: '127.0.0.1', port: 9256 },
        delayMs: 1000,
        selection: { pids: null, user: null, match: null, top: 10 },
        pool: null,
        source: null,
      },
    });
    const command = parseCommand(
      ['serve', '--listen', '[::1]:9300', '-d', '20', '-p', '1,2', '-u', 'root', '--match', '^node ', '--top', '0', '--pool', '2', '--source', 'procfs'],
      {},
    );
    assert.equal(command.kind, 'serve');
    if (command.kind !== 'serve') return;
    assert.deepEqual(command.options.listen, { host: '::1', port: 9300 });
    assert.equal(command.options.delayMs, 2000);
    assert.deepEqual([...(command.options.selection.pids ?? [])], [1, 2]);
    assert.equal(command.options.selection.user, 'root');
    assert.equal(command.options.selection.match?.source, '^node ');
    assert.equal(command.options.selection.top, 0);
    assert.equal(command.options.pool, 2);
    assert.deepEqual(parseCommand(['serve', '-h'], {}), { kind: 'help', text: 'serve' });
    usage(() => parseCommand(['serve', '--top', '1001'], {}), /--top must be a number of processes from 0 to 1000/);
    usage(() => parseCommand(['serve', '--top', '-1'], {}), /--top .*"-1"/);
    usage(() => parseCommand(['serve', '--match', '(unclosed'], {}), /--match takes a regular expression: .*Unterminated group/);
    usage(() => parseCommand(['serve', '--listen', 'example.com:80'], {}), /--listen takes HOST:PORT with an IP address/);
    usage(() => parseCommand(['serve', '--tree'], {}), /pooltop serve: unknown option '--tree'/);
  });

  it('reads --metrics-listen beside the monitor', () => {
    const command = parseCommand(['--metrics-listen', 'localhost:0'], {});
    assert.deepEqual(command.kind === 'monitor' && command.options.metricsListen, { host: '127.0.0.1', port: 0 });
    usage(() => parseCommand(['--metrics-listen', '9256'], {}), /--metrics-listen takes HOST:PORT/);
  });

  it('reads --color-scheme, -M / --no-mouse and snapshot --columns, and refuses what they do not name', () => {
    const monitor = parseCommand(['--color-scheme', 'light-terminal', '-M']);
    assert.equal(monitor.kind === 'monitor' && monitor.options.colorScheme, 'light-terminal');
    assert.equal(monitor.kind === 'monitor' && monitor.options.mouse, false);
    assert.equal(parseCommand(['--no-mouse']).kind === 'monitor' && (parseCommand(['--no-mouse']) as { options: { mouse: boolean } }).options.mouse, false);
    const snapshot = parseCommand(['snapshot', '--columns', 'pid, PGID,etimes,command']);
    assert.deepEqual(snapshot.kind === 'snapshot' && snapshot.options.columns, ['pid', 'pgrp', 'elapsed', 'command']);
    assert.throws(
      () => parseCommand(['--color-scheme', 'x\x1b[2J']),
      (e: unknown) => e instanceof UsageError && /--color-scheme must be one of default, .*\(got "x\^\[\[2J"\)$/.test(e.message),
    );
    assert.throws(() => parseCommand(['snapshot', '--columns', 'pid,,user']), UsageError);
    assert.throws(() => parseCommand(['snapshot', '--columns', '']), UsageError);
  });

  it('never echoes control characters from a bad value', () => {
    usage(() => parseCommand(['-s', 'x\x1b]0;pwned\x07'], {}), /unknown column "x\^\[\]0;pwned\^G"/);
  });
});

describe('value checks', () => {
  it('parses delays in tenths', () => {
    assert.equal(parseDelay(undefined), 10);
    assert.equal(parseDelay('1'), 1);
    assert.equal(parseDelay('600'), 600);
  });

  it('parses PID lists, up to pid_max − 1 (the largest PID the kernel hands out)', () => {
    assert.deepEqual(parsePids('1, 2,3'), [1, 2, 3]);
    assert.equal(parsePids(undefined), null);
    assert.throws(() => parsePids('1;rm -rf /'), UsageError);
    assert.deepEqual(parsePids('32767', 32768), [32767]);
    // A thread's ID stands for its process; one given twice that way is listed once.
    const threads = new Map([
      [1240, 1234],
      [1241, 1234],
    ]);
    assert.deepEqual(
      parsePids('1240,1241,7', 32768, (tid) => threads.get(tid) ?? null),
      [1234, 7],
    );
    assert.throws(() => parsePids('32768', 32768), /PIDs from 1 to 32767 \(got "32768"\)/);
    assert.throws(() => parsePids('99999999999999999999', 32768), UsageError);
  });

  it('accepts a user by name, or by a UID that passwd or a running process has', () => {
    const users = new UserNames();
    const running = new Set([4242]);
    const inUse = (uid: number): boolean => running.has(uid);
    assert.equal(parseUser('root', users, inUse), 'root');
    assert.equal(parseUser('0', users, inUse), 'root');
    assert.equal(parseUser('4242', users, inUse), '4242', 'no passwd entry, but a process runs as it: shown as the number');
    assert.throws(() => parseUser('4243', users, inUse), /no user has UID 4243 and no process runs as it/);
  });

  it('refuses UIDs that are not written as the system writes them, or out of uid_t', () => {
    const users = new UserNames();
    const inUse = (): boolean => true;
    assert.throws(() => parseUser('0012345', users, inUse), /"0012345" is not a UID as the system writes it \(no leading zeros\)/);
    assert.throws(() => parseUser('00', users, inUse), /no leading zeros/);
    assert.throws(() => parseUser('99999999999999999999', users, inUse), /UID 99999999999999999999 is out of range \(0 to 4294967294\)/);
    assert.throws(() => parseUser('4294967295', users, inUse), /out of range/, '(uid_t) −1 is no UID');
    assert.equal(parseUser('4294967294', users, inUse), '4294967294');
  });
});

describe('pooltop run', () => {
  it("takes the program after --, or from the first word that is not an option; options before are the monitor's", () => {
    const run = (argv: string[]) => {
      const command = parseCommand(argv, {});
      assert.equal(command.kind, 'monitor');
      return command.kind === 'monitor' ? command.options : assert.fail();
    };
    assert.deepEqual(run(['run', '--', 'python3', 'pool.py', '-v']).run, { file: 'python3', args: ['pool.py', '-v'] });
    assert.deepEqual(run(['run', 'sleep', '5']).run, { file: 'sleep', args: ['5'] });
    const withOptions = run(['run', '-d', '5', '--', 'sh', '-c', 'sleep 1 --tree']);
    assert.deepEqual([withOptions.delayMs, withOptions.tree, withOptions.run], [500, false, { file: 'sh', args: ['-c', 'sleep 1 --tree'] }]);
    assert.equal(run([]).run, null);
    assert.deepEqual(parseCommand(['run', '--help'], {}), { kind: 'help', text: 'run' });
  });

  it('refuses a run without a program, and --pool with one', () => {
    usage(() => parseCommand(['run'], {}), /^pooltop run: name the program to run after --/);
    usage(() => parseCommand(['run', '--'], {}), /^pooltop run: name the program to run after --/);
    usage(() => parseCommand(['run', '-d', '5'], {}), /^pooltop run: name the program/);
    usage(() => parseCommand(['run', '--pool', '2', '--', 'sleep', '1'], {}), /^pooltop run: --pool does not go with run/);
    usage(() => parseCommand(['run', '--bogus', '--', 'sleep', '1'], {}), /^pooltop run: /);
  });
});
