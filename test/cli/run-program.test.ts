import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { endText, exitStatusOf, runReport, startProgram, timeText, type RunningProgram } from '../../src/cli/run-program.js';
import { procState, waitUntil } from '../signals/own-children.js';

const linux = process.platform === 'linux';
let running: RunningProgram[] = [];

afterEach(() => {
  // killNow signals the program's own group only, checked as every group send is.
  for (const program of running) program.killNow();
  running = [];
});

async function start(file: string, args: string[]): Promise<RunningProgram> {
  const program = await startProgram(file, args);
  running.push(program);
  return program;
}

describe('startProgram', { skip: !linux && 'needs /proc' }, () => {
  it('runs the program in a group and session of its own, keeps what it prints, and times it with its children', async () => {
    // The shell's children do the work: their CPU is counted once the shell has waited for them.
    const program = await start('sh', ['-c', 'i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done & wait; echo done $i']);
    const stat = (await import('node:fs')).readFileSync(`/proc/${program.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    assert.deepEqual([Number(stat[2]), Number(stat[3])], [program.pid, program.pid], 'it leads its own group and session');
    assert.ok(program.startTime > 0);
    const end = await program.ended;
    assert.deepEqual([end.code, end.signal], [0, null]);
    assert.equal(program.output(), 'done 0\n');
    assert.ok(end.realMs > 0 && end.userMs !== null && end.userMs + (end.systemMs ?? 0) > 0, JSON.stringify(end));
    assert.ok(end.userMs! + end.systemMs! <= end.realMs * 2 + 20, 'no more CPU than 2 cores give in its time (plus a tick each)');
  });

  it('stop() sends SIGTERM to the whole group: the program and what it started', async () => {
    const program = await start('sh', ['-c', 'sleep 30 & sleep 31 & wait']);
    assert.ok(await waitUntil(() => procState(program.pid) !== null && program.output() === '', 2000));
    // stop() may come while the shell still starts its sleeps (the group changing under it).
    const end = await program.stop();
    assert.equal(end.signal, 'SIGTERM');
    assert.equal(endText(end), 'was killed by SIGTERM (15)');
    assert.equal(exitStatusOf(end), 143);
  });

  it('stop() also ends what the program left in its group after it exited (a pool whose parent died)', async () => {
    const program = await start('sh', ['-c', 'sleep 30 & echo $!']);
    const end = await program.ended;
    assert.equal(end.code, 0);
    const left = Number(program.output().trim());
    // Just started, the sleep may still be running its exec (R) for a moment.
    assert.ok(await waitUntil(() => procState(left)?.state === 'S', 5000), 'its sleep outlived it, in its group');
    await program.stop();
    assert.ok(await waitUntil(() => procState(left) === null || procState(left)?.state === 'Z', 3000), 'and is ended with the group');
  });

  it('rejects with one line when the program cannot be run', async () => {
    await assert.rejects(startProgram('no-such-program-pooltop', []), /^Error: cannot run no-such-program-pooltop: command not found$/);
  });
});

describe('the report', () => {
  it('says how it ended and prints real, user and sys as bash does', () => {
    const end = { code: 3, signal: null, realMs: 61_234.5, userMs: 2100, systemMs: 50, othersReaped: 1 };
    assert.equal(
      runReport('python3 pool.py', 42, end),
      'pooltop run: PID 42 python3 pool.py exited with status 3\nreal\t1m1.234s\nuser\t0m2.100s\nsys\t0m0.050s\n(user and sys include 1 pool worker that exited during the run)\n',
    );
    assert.equal(exitStatusOf(end), 3);
    assert.equal(timeText(999.6), '0m1.000s');
    assert.equal(endText({ code: null, signal: 'SIGKILL' }), 'was killed by SIGKILL (9)');
  });
});
