// The lab's process-family programs run as real processes: fork and waitpid, a zombie seen in
// /proc until its parent waits (or dies), an orphan re-parented to its subreaper, and daemonic
// children ended by their parent's normal exit but not by SIGKILL or SIGTERM.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { afterEach, describe, it } from 'node:test';
import { readProc, signalProcess, waitUntilGone } from '../e2e/proc-table.js';
import { killAll, LabRun, NO_PYTHON } from './lab-run.js';

afterEach(async () => {
  assert.deepEqual(
    (await killAll()).map((p) => p.pid),
    [],
    'every program ended by itself',
  );
});

/** Every number captured by `pattern` (with the g flag) in the run's output. */
function numbers(run: LabRun, pattern: RegExp): number[] {
  return [...run.output().matchAll(pattern)].map((m) => Number(m[1]));
}

describe('the lab programs: fork, zombies, orphans, daemonic children', { skip: NO_PYTHON }, () => {
  it('fork_wait.py: each child is a copy with its own PID and memory; waitpid collects exit status 10 + n', async () => {
    const run = await LabRun.start('fork_wait.py', ['--children', '3', '--count', '1000']);
    assert.equal(await run.finished(), 0);
    const forked = numbers(run, /fork\(\) returned (\d+)/g);
    assert.equal(forked.length, 3);
    for (const [n, pid] of forked.entries()) {
      assert.match(run.output(), new RegExp(`child ${n}: pid ${pid}, ppid ${run.pid}; counted to 1000; owner = 'child ${n}'`));
      assert.match(run.output(), new RegExp(`waitpid\\(${pid}\\) -> exit status ${10 + n}`));
    }
    assert.match(run.lines.at(-1)!, new RegExp(`owner = 'the parent, ${run.pid}'`));
  });

  it('zombie.py: the children stay in state Z under their parent until it waits, then /proc forgets them', async () => {
    const run = await LabRun.start('zombie.py', ['--children', '2', '--seconds', '3']);
    const zombies = (await run.matches(/child (\d+): state Z/, 2)).map((m) => readProc(Number(m[1]))!);
    for (const zombie of zombies) {
      assert.equal(zombie.state, 'Z', `child ${zombie.pid} is a zombie`);
      assert.equal(zombie.ppid, run.pid, 'under the parent that has not waited');
      assert.equal(readFileSync(`/proc/${zombie.pid}/cmdline`, 'utf8'), '', 'a zombie keeps no command line');
    }
    assert.equal(await run.finished(), 0);
    for (const zombie of zombies) {
      assert.match(run.output(), new RegExp(`waitpid\\(${zombie.pid}\\) -> exit status \\d; /proc/${zombie.pid} is gone: True`));
      assert.notEqual(readProc(zombie.pid)?.startTime, zombie.startTime, `zombie ${zombie.pid} reaped`);
    }
  });

  it('zombie.py: when the parent is killed, its zombies go to the subreaper, which reaps them', async () => {
    const run = await LabRun.start('zombie.py', ['--seconds', '60']);
    const [, pid] = await run.line(/child (\d+): state Z/);
    const zombie = readProc(Number(pid))!;
    assert.equal(zombie.state, 'Z');
    assert.ok(signalProcess(run.program, 'SIGKILL'));
    assert.equal(await run.status, -9);
    // Gone: not merely re-parented, but collected by the new parent.
    const deadline = Date.now() + 5000;
    while (readProc(zombie.pid)?.startTime === zombie.startTime && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.notEqual(readProc(zombie.pid)?.startTime, zombie.startTime, 'the zombie was reaped by its new parent');
    assert.equal(await run.finished(), -9);
  });

  it("orphan.py: the child outlives its parent and is re-parented to the nearest subreaper (here the test's own)", async () => {
    const run = await LabRun.start('orphan.py', ['--parent-seconds', '0.3', '--child-seconds', '2']);
    const [, child, parent] = await run.line(/child (\d+): parent (\d+)/);
    assert.equal(Number(parent), run.pid);
    const [, from, to] = await run.line(new RegExp(`child ${child}: re-parented from (\\d+) to (\\d+)`));
    assert.equal(Number(from), run.pid);
    assert.equal(Number(to), run.reaper.pid, 'PID 1, unless an ancestor is a subreaper: the test runs it under one');
    assert.equal(readProc(Number(child))?.ppid ?? run.reaper.pid, run.reaper.pid, '/proc agrees');
    assert.equal(await run.status, 0, 'the parent exited first, without waiting');
    await run.line(new RegExp(`child ${child}: done; parent ${run.reaper.pid} will reap me`));
    await run.finished();
  });

  it('orphan.py --subreaper: the orphan comes back to the program itself, which reaps both', async () => {
    const run = await LabRun.start('orphan.py', ['--parent-seconds', '0.3', '--child-seconds', '1.5', '--subreaper']);
    const [, parent, child] = await run.line(/parent (\d+): forked child (\d+)/);
    await run.line(new RegExp(`child ${child}: re-parented from ${parent} to ${run.pid} \\(python3\\)`));
    assert.equal(await run.finished(), 0);
    assert.match(run.output(), new RegExp(`subreaper ${run.pid}: reaped ${parent}`));
    assert.match(run.output(), new RegExp(`subreaper ${run.pid}: reaped ${child}`));
  });

  it('daemonic.py --end normal: the daemonic child is terminated with its parent, the other waited for', async () => {
    const run = await LabRun.start('daemonic.py', ['--end', 'normal', '--parent-seconds', '1', '--child-seconds', '3']);
    const [, daemonic, ordinary] = await run.line(/daemonic child (\d+), non-daemonic child (\d+)/);
    const daemon = readProc(Number(daemonic))!;
    await run.line(/parent \d+: ending \(normal\)/);
    assert.deepEqual(
      (await waitUntilGone([daemon], 3000)).map((p) => p.pid),
      [],
      'the daemonic child ended with the parent',
    );
    assert.ok(readProc(Number(ordinary)), 'the non-daemonic child goes on');
    assert.equal(await run.finished(), 0);
    assert.match(run.output(), new RegExp(`non-daemonic child ${ordinary}: my time is up`));
    assert.doesNotMatch(run.output(), new RegExp(`daemonic child ${daemonic}: my time is up`));
    assert.doesNotMatch(run.output(), new RegExp(`: parent ${run.reaper.pid}`), 'neither child was orphaned');
  });

  for (const [end, status] of [
    ['sigkill', -9],
    ['sigterm', -15],
  ] as const) {
    it(`daemonic.py --end ${end}: both children outlive the parent, orphans of the subreaper, until their time is up`, async () => {
      const run = await LabRun.start('daemonic.py', ['--end', end, '--parent-seconds', '1', '--child-seconds', '3']);
      const [, daemonic, ordinary] = await run.line(/daemonic child (\d+), non-daemonic child (\d+)/);
      assert.equal(await run.status, status);
      await run.line(new RegExp(`  daemonic child ${daemonic}: parent ${run.reaper.pid}`));
      await run.line(new RegExp(`non-daemonic child ${ordinary}: parent ${run.reaper.pid}`));
      await run.finished();
      assert.match(run.output(), new RegExp(`  daemonic child ${daemonic}: my time is up`));
      assert.match(run.output(), new RegExp(`non-daemonic child ${ordinary}: my time is up`));
    });
  }
});
