// The lab's thread programs run as real processes: a race that loses updates (Python threads,
// Python processes on shared memory, Node worker threads) and is exact with a lock or atomics;
// a deadlock whose threads sleep at 0 % CPU until the test kills the process; a semaphore that
// never lets more than its limit in.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { signalProcess, waitUntilGone } from '../e2e/proc-table.js';
import { killAll, LabRun, NO_PYTHON, PYTHON } from './lab-run.js';

afterEach(async () => {
  assert.deepEqual(
    (await killAll()).map((p) => p.pid),
    [],
    'every program ended by itself',
  );
});

/** The counts of each "run n: count c, lost l" line and the expected count. */
function raceResult(run: LabRun): { expected: number; counts: number[]; lost: number[] } {
  const expected = Number(/expected count (\d+)/.exec(run.lines[0]!)?.[1]);
  const runs = run.lines.flatMap((line) => {
    const m = /^run \d+: count (\d+), lost (-?\d+)/.exec(line);
    return m ? [{ count: Number(m[1]), lost: Number(m[2]) }] : [];
  });
  for (const r of runs) assert.equal(r.count + r.lost, expected, 'lost = expected − count');
  return { expected, counts: runs.map((r) => r.count), lost: runs.map((r) => r.lost) };
}

interface ThreadSample {
  tid: number;
  name: string;
  state: string;
  /** utime + stime, clock ticks. */
  cpu: number;
  wchan: string;
}

/** Every thread of `pid` as /proc/PID/task/ has it. */
function threadsOf(pid: number): ThreadSample[] {
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      tid: Number(tid),
      name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
      state: fields[0]!,
      cpu: Number(fields[11]) + Number(fields[12]),
      wchan: readFileSync(`/proc/${pid}/task/${tid}/wchan`, 'utf8'),
    };
  });
}

describe('the lab programs: races, locks, deadlock, semaphore', () => {
  describe('in Python', { skip: NO_PYTHON }, () => {
    it('counter_race.py (threads, read / call / write) loses updates in every run', async () => {
      const run = await LabRun.start('counter_race.py', ['--runs', '3']);
      assert.equal(await run.finished(), 0);
      const { expected, lost } = raceResult(run);
      assert.equal(expected, 2_000_000);
      assert.equal(lost.length, 3);
      // Each run spans dozens of 5 ms switch intervals; a switch inside the read-write loses a slice's worth.
      for (const l of lost) assert.ok(l > 0, `lost ${l} of ${expected}`);
    });

    it('counter_race.py --lock is exact, both ways', async () => {
      for (const way of ['split', 'text']) {
        const run = await LabRun.start('counter_race.py', ['--lock', '--way', way, '--increments', '200000', '--runs', '2']);
        assert.equal(await run.finished(), 0);
        const { expected, counts } = raceResult(run);
        assert.deepEqual(counts, [expected, expected]);
      }
    });

    it('counter_race.py --way text, "counter += 1" as the text wrote it, loses nothing on CPython 3.11 threads', {
      skip: PYTHON !== '3.11' && `python3 is ${PYTHON}: where threads switch is CPython's choice`,
    }, async () => {
      const run = await LabRun.start('counter_race.py', ['--way', 'text', '--runs', '3']);
      assert.equal(await run.finished(), 0);
      const { expected, counts } = raceResult(run);
      assert.deepEqual(counts, [expected, expected, expected]);
    });

    it('counter_race.py --with processes loses updates even written as the text does, and is exact with the lock', async () => {
      const racing = await LabRun.start('counter_race.py', ['--with', 'processes', '--way', 'text', '--increments', '300000', '--runs', '3']);
      assert.equal(await racing.finished(), 0);
      const lost = raceResult(racing).lost;
      // Two cores at once lose updates in most runs; a loaded machine may run one process after the other now and then.
      assert.ok(lost.reduce((a, b) => a + b, 0) > 0, `lost ${lost.join(', ')}`);
      const locked = await LabRun.start('counter_race.py', ['--with', 'processes', '--lock', '--increments', '100000', '--runs', '2']);
      assert.equal(await locked.finished(), 0);
      const { expected, counts } = raceResult(locked);
      assert.deepEqual(counts, [expected, expected]);
    });

    it('deadlock.py: both lock threads sleep in a futex wait at 0 % CPU until the process is killed', async () => {
      const run = await LabRun.start('deadlock.py');
      await run.line(/this never ends/);
      await run.matches(/thread (A-then-B|B-then-A) \(tid \d+\): holds lock/, 2);
      // The barrier is passed and both are asking for their second lock: wait until both sleep there.
      let before: ThreadSample[] = [];
      for (const deadline = Date.now() + 10_000; Date.now() < deadline; await delay(50)) {
        before = threadsOf(run.pid);
        const lockers = before.filter((t) => t.name === 'A-then-B' || t.name === 'B-then-A');
        if (lockers.length === 2 && lockers.every((t) => t.state === 'S' && /futex/.test(t.wchan))) break;
      }
      const lockers = () => before.filter((t) => t.name === 'A-then-B' || t.name === 'B-then-A');
      assert.equal(lockers().length, 2, `two lock threads: ${JSON.stringify(before)}`);
      await delay(1500);
      const after = threadsOf(run.pid);
      for (const t of lockers()) {
        const now = after.find((a) => a.tid === t.tid)!;
        assert.equal(now.state, 'S', `${t.name} still asleep`);
        assert.match(now.wchan, /futex/, `${t.name} waits in a futex`);
        assert.equal(now.cpu, t.cpu, `${t.name} used no CPU in 1.5 s`);
      }
      const main = after.find((t) => t.tid === run.pid)!;
      assert.equal(main.state, 'S', 'the main thread waits in join');
      assert.ok(main.cpu - before.find((t) => t.tid === run.pid)!.cpu <= 1, 'and uses no CPU either');
      assert.ok(
        run.processes().every((p) => p.pid === run.pid),
        'a deadlock of threads: no other process',
      );
      assert.ok(signalProcess(run.program, 'SIGKILL'));
      assert.equal(await run.status, -9);
      assert.deepEqual(
        (await waitUntilGone([run.program], 3000)).map((p) => p.pid),
        [],
      );
    });

    it('deadlock.py --ordered: the same order, no deadlock', async () => {
      const run = await LabRun.start('deadlock.py', ['--ordered', '--hold', '0.2']);
      assert.equal(await run.finished(), 0);
      assert.equal(run.lines.at(-1), 'both threads done');
    });

    it('semaphore.py: never more holders than the limit; the threads go through in waves', async () => {
      const run = await LabRun.start('semaphore.py', ['--threads', '5', '--limit', '2', '--hold', '0.3']);
      assert.equal(await run.finished(), 0);
      const holders = run.lines.flatMap((line) => {
        const m = /thread \d+ (in|out) +\((\d+) holding\)/.exec(line);
        return m ? [Number(m[2])] : [];
      });
      assert.equal(holders.length, 10, 'each thread in and out');
      assert.ok(Math.max(...holders) <= 2, `holders ${holders.join(' ')}`);
      const [, most, seconds] = /most holders at once: (\d+) \(limit 2\); ([\d.]+) s in all, 3 waves/.exec(run.lines.at(-1)!) ?? [];
      assert.equal(most, '2');
      assert.ok(Number(seconds) >= 0.9, `3 waves of 0.3 s take at least 0.9 s, not ${seconds}`);
    });
  });

  describe('in Node', () => {
    it('counter_race.mjs: worker threads really run at once and lose plain increments; Atomics and the lock are exact', async () => {
      const racing = await LabRun.start('counter_race.mjs', ['--increments', '50000000', '--runs', '3']);
      assert.equal(await racing.finished(), 0);
      const lost = raceResult(racing).lost;
      assert.ok(lost.reduce((a, b) => a + b, 0) > 0, `lost ${lost.join(', ')}`);
      for (const way of ['atomics', 'lock']) {
        const exact = await LabRun.start('counter_race.mjs', ['--way', way, '--increments', '200000', '--runs', '2']);
        assert.equal(await exact.finished(), 0);
        const { expected, counts } = raceResult(exact);
        assert.deepEqual(counts, [expected, expected], way);
      }
    });

    it('counter_race.mjs refuses a bad option with a usage error', async () => {
      const run = await LabRun.start('counter_race.mjs', ['--way', 'nonsense']);
      assert.equal(await run.finished(), 2);
      assert.match(run.stderr.join('\n'), /--way takes plain, atomics or lock/);
    });
  });
});
