// The lab's Ctrl-C program run as a real process: SIGINT sent to the parent alone, to one worker
// alone, and Ctrl-C typed in a real terminal (tmux), which reaches the whole foreground process
// group — and what a ProcessPoolExecutor does with each.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { readProc, signalProcess } from '../e2e/proc-table.js';
import { TmuxSession } from '../e2e/tmux-session.js';
import { killAll, LAB, LabRun, NO_PYTHON, waitForCpu } from './lab-run.js';

let session: TmuxSession | undefined;

afterEach(async () => {
  const leftovers = (await session?.kill()) ?? [];
  session = undefined;
  assert.deepEqual(
    [...leftovers, ...(await killAll())].map((p) => p.pid),
    [],
    'every program ended by itself',
  );
});

// Tasks of 1 s of CPU each; a signal goes once a task has used 0.2 s of it (it is then inside the
// task's loop, not starting it), however slowly a loaded machine runs it. Three runs of 4 s of CPU
// each keep the file inside the runner's 120 s at a load of 30 (2 s tasks took it past).
const ARGS = ['--workers', '2', '--tasks', '4', '--seconds', '1'];
const INSIDE_TASK_TICKS = 20;

/** The summary line's figures: results collected, tasks interrupted, finished after, cancelled. */
function summary(output: string): number[] {
  const m = /(\d+) results, (\d+) interrupted, (\d+) finished after it, (\d+) cancelled/.exec(output);
  assert.ok(m, `a summary line in:\n${output}`);
  return m.slice(1).map(Number);
}

describe('the lab programs: SIGINT and a process pool', { skip: NO_PYTHON }, () => {
  it('kill -2 on the parent reaches it alone: the workers go on, and the with block waits for every task', async () => {
    const run = await LabRun.start('ctrl_c_pool.py', ARGS);
    for (const [, worker] of await run.matches(/task \d started in worker (\d+)/, 2)) await waitForCpu(Number(worker), INSIDE_TASK_TICKS);
    assert.ok(signalProcess(run.program, 'SIGINT'));
    await run.line(new RegExp(`parent ${run.pid}: KeyboardInterrupt, SIGINT while waiting for results; 4 tasks not finished`));
    assert.equal(await run.finished(60_000), 130);
    assert.doesNotMatch(run.output(), /worker \d+: SIGINT/, 'no worker got it');
    assert.deepEqual(summary(run.output()), [0, 0, 4, 0]);
  });

  it('kill -2 on one worker fails that task alone, and result() raises its KeyboardInterrupt in the parent', async () => {
    const run = await LabRun.start('ctrl_c_pool.py', ARGS);
    const [, task, worker] = await run.line(/task (\d) started in worker (\d+)/);
    await waitForCpu(Number(worker), INSIDE_TASK_TICKS);
    assert.ok(signalProcess(readProc(Number(worker))!, 'SIGINT'));
    await run.line(new RegExp(`worker ${worker}: SIGINT -> KeyboardInterrupt in task ${task}`));
    await run.line(/parent \d+: KeyboardInterrupt, raised by a task \(its worker got SIGINT\)/);
    assert.equal(await run.finished(60_000), 130);
    assert.equal(run.output().match(/: SIGINT -> KeyboardInterrupt/g)?.length, 1, 'one worker got it');
    assert.deepEqual(summary(run.output()), [0, 1, 3, 0]);
  });

  it('Ctrl-C in the terminal reaches the parent and every worker: the running tasks fail, the with block waits for the rest', async () => {
    // bash -i: job control, so the program leads the terminal's foreground group, as typed at a prompt.
    session = await TmuxSession.start({ command: ['python3', `${LAB}/ctrl_c_pool.py`, ...ARGS], interactiveShell: true, label: 'ctrl-c' });
    const screen = await session.waitFor((s) => (s.match(/task \d started in worker/g)?.length ?? 0) >= 2, {
      timeoutMs: 15_000,
      description: 'two tasks started',
    });
    const [, parent, group, foreground] = /parent (\d+): process group (\d+), the terminal's foreground group is (\d+)/.exec(screen) ?? [];
    assert.equal(group, parent, 'the program leads its own process group');
    assert.equal(foreground, group, "which is the terminal's foreground group");
    for (const [, worker] of screen.matchAll(/task \d started in worker (\d+)/g)) await waitForCpu(Number(worker), INSIDE_TASK_TICKS);
    await session.sendKeys('C-c');
    const after = await session.waitFor(/EXIT=\d+/, { timeoutMs: 60_000, description: 'the program ended' });
    assert.match(after, /EXIT=130/);
    assert.equal(after.match(/worker \d+: SIGINT -> KeyboardInterrupt in task \d/g)?.length, 2, 'both workers got it');
    assert.match(after, new RegExp(`parent ${parent}: KeyboardInterrupt, SIGINT while waiting for results`));
    assert.deepEqual(summary(after), [0, 2, 2, 0]);
  });
});
