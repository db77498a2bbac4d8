// Workers, and their family tasks' children, never outlive their parent, even one SIGKILLed (no
// exit handler runs) while a worker is mid-task or SIGSTOPped. The parent here is a small script
// that starts a pool from dist/.
import assert from 'node:assert/strict';
import { parentDeathLauncher } from '../../src/pool/parent-death-signal.js';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, it } from 'node:test';
import { isRunning, killLeftoverWorkers, readCmdline, readProc, signalProcess, watchEnds, type ProcRef } from '../e2e/proc-table.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/pool-parent.mjs', import.meta.url));
const HAS_PERL = spawnSync('perl', ['-e', '1']).status === 0;

interface Report {
  parent: number;
  workers: [number, number];
  /** Family runs: each worker's `sleep 8` child. */
  children: number[];
  stopped: number | null;
}

/** proc(5) state letter, or null when the PID is gone. */
const stateOf = (pid: number): string | null => readProc(pid)?.state ?? null;

/**
 * Every thread stopped. The kernel counts a group as having stopped jobs only once the group stop
 * is complete in all of a worker's ~11 threads; /proc/PID/stat shows the main thread's T up to a
 * few ms earlier. pooltop is never killed that soon after a pause, but a test can be.
 */
function fullyStopped(pid: number): boolean {
  try {
    return readdirSync(`/proc/${pid}/task`).every((tid) => {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'T';
    });
  } catch {
    return false;
  }
}

/** Exited: gone, or a zombie waiting for its new parent (PID 1 here) to reap it. */
const exited = (pid: number): boolean => {
  const s = stateOf(pid);
  return s === null || s === 'Z' || s === 'X';
};

let parent: ChildProcess | null = null;
let workers: number[] = [];
/** The family children, as first seen (PID and start time, so a reused PID is never signalled). */
let children: ProcRef[] = [];

afterEach(() => {
  // We started the parent; its workers are ours through it. Checked by title against PID reuse.
  if (parent !== null && parent.exitCode === null && parent.signalCode === null) parent.kill('SIGKILL');
  killLeftoverWorkers(workers.filter((pid) => !exited(pid)));
  for (const child of children) signalProcess(child, 'SIGKILL');
  parent = null;
  workers = [];
  children = [];
});

/** Starts the fixture (in a process group of its own when `ownGroup`) and reads its report. */
function startParent(args: string[], ownGroup: boolean): Promise<Report> {
  const node = [process.execPath, FIXTURE, ...args];
  // perl's setpgrp makes the fixture lead its own group in our session, as a shell with job
  // control does for `pooltop`: that is the case where its death orphans the workers' group.
  const child = ownGroup
    ? spawn('perl', ['-e', 'setpgrp(0, 0) or die "setpgrp: $!"; exec @ARGV or die "exec: $!"', ...node], {
        stdio: ['ignore', 'pipe', 'inherit'],
      })
    : spawn(node[0]!, node.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
  parent = child;
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      text += chunk;
      const line = text.split('\n')[0];
      if (text.includes('\n') && line !== undefined) {
        const report = JSON.parse(line) as Report;
        workers = report.workers;
        children = report.children.map((pid) => readProc(pid)).filter((p): p is ProcRef => p !== null);
        resolve(report);
      }
    });
    child.on('exit', (code, signal) => reject(new Error(`the parent exited early (${code ?? signal})`)));
  });
}

async function waitUntil(predicate: () => boolean, timeoutMs: number): Promise<number> {
  const t0 = Date.now();
  while (!predicate()) {
    if (Date.now() - t0 > timeoutMs) return -1;
    await new Promise((r) => setTimeout(r, 25));
  }
  return Date.now() - t0;
}

function killParent(report: Report): void {
  assert.equal(report.parent, parent?.pid);
  parent?.kill('SIGKILL');
}

describe('workers never outlive their parent', () => {
  it('a busy (mid-task) and an idle worker exit within ~1 s of their parent being SIGKILLed', async (t) => {
    const report = await startParent([], false);
    const [busy, idle] = report.workers;
    assert.ok(stateOf(busy) === 'R' || stateOf(idle) === 'R', 'one worker is running a task');
    killParent(report);
    const ms = await waitUntil(() => report.workers.every(exited), 2000);
    assert.ok(ms >= 0, `workers still there: ${report.workers.map((p) => `${p}:${stateOf(p)}`).join(' ')}`);
    assert.ok(ms < 1500, `took ${ms} ms`);
    t.diagnostic(`busy and idle workers gone ${ms} ms after the parent's SIGKILL`);
  });

  it('a SIGSTOPped worker exits too when the death orphans its process group (SIGHUP + SIGCONT)', {
    skip: HAS_PERL ? false : 'needs perl to give the parent a process group of its own',
  }, async (t) => {
    const report = await startParent(['stop-one'], true);
    const stopped = report.stopped as number;
    assert.ok((await waitUntil(() => fullyStopped(stopped), 1000)) >= 0, 'the worker stopped');
    killParent(report);
    const ms = await waitUntil(() => report.workers.every(exited), 2000);
    assert.ok(ms >= 0, `workers still there: ${report.workers.map((p) => `${p}:${stateOf(p)}`).join(' ')}`);
    t.diagnostic(`busy and stopped workers gone ${ms} ms after the parent's SIGKILL`);
  });

  it('outside an orphaned group the kernel still kills a stopped worker (setpriv --pdeathsig)', {
    skip: !parentDeathLauncher() && 'this system has no setpriv with --pdeathsig',
  }, async (t) => {
    // The kernel sends SIGHUP + SIGCONT only when a group *becomes* orphaned; here the fixture
    // shares our group, which stays non-orphaned, so only the parent-death signal can end it.
    const report = await startParent(['stop-one'], false);
    const stopped = report.stopped as number;
    assert.ok((await waitUntil(() => fullyStopped(stopped), 1000)) >= 0, 'the worker stopped');
    killParent(report);
    const ms = await waitUntil(() => exited(stopped), 2000);
    assert.ok(ms >= 0, `the stopped worker is still there: ${stateOf(stopped)}`);
    t.diagnostic(`stopped worker gone ${ms} ms after the parent's SIGKILL`);
  });

  it('without a parent-death signal a stopped worker waits for SIGCONT, then exits at once', async (t) => {
    // What the worker itself does, without setpriv: pins the limit and the worker's part.
    const report = await startParent(['stop-one', 'no-pdeathsig'], false);
    const stopped = report.stopped as number;
    assert.ok((await waitUntil(() => fullyStopped(stopped), 1000)) >= 0, 'the worker stopped');
    killParent(report);
    const running = report.workers.find((p) => p !== stopped) as number;
    assert.ok((await waitUntil(() => exited(running), 2000)) >= 0, 'the running worker left');
    assert.equal(stateOf(stopped), 'T', 'a stopped process notices nothing');
    assert.ok(readCmdline(stopped).startsWith('pooltop-worker'));
    process.kill(stopped, 'SIGCONT');
    const ms = await waitUntil(() => exited(stopped), 2000);
    assert.ok(ms >= 0 && ms < 1000, `continued worker took ${ms} ms to leave`);
    t.diagnostic(`continued worker gone ${ms} ms after SIGCONT`);
  });
});

describe('family children never outlive the pool’s parent', () => {
  const noSetpriv = !parentDeathLauncher() && 'this system has no setpriv with --pdeathsig';

  /** SIGKILLs the parent and watches every worker and child end. */
  async function killAndWatch(report: Report) {
    assert.equal(children.length, 2, `both children seen in /proc: ${JSON.stringify(report.children)}`);
    const watched = [...report.workers.map((pid) => readProc(pid)).filter((p): p is ProcRef => p !== null), ...children];
    const t0 = performance.now();
    killParent(report);
    return watchEnds(watched, t0, 2000);
  }

  for (const ownGroup of [true, false]) {
    const where = ownGroup ? 'in a process group of its own (a shell with job control)' : 'in the test’s group (sh -c, npm start)';
    it(`every child ends within 100 ms of the parent’s SIGKILL, a paused worker’s too, ${where}`, {
      skip: noSetpriv || (ownGroup && !HAS_PERL && 'needs perl to give the parent a process group of its own'),
    }, async (t) => {
      const report = await startParent(['family', 'stop-one'], ownGroup);
      assert.ok((await waitUntil(() => fullyStopped(report.stopped as number), 1000)) >= 0, 'the worker stopped');
      const watch = await killAndWatch(report);
      const seen = children.map((c) => `${c.pid}: ${watch.lastRunning.get(c.pid)?.toFixed(1)} ms`).join(', ');
      t.diagnostic(`children last seen running after the SIGKILL: ${seen}; looks ${watch.looks}, at most ${watch.maxGapMs.toFixed(1)} ms apart`);
      assert.deepEqual(
        watch.alive.map((p) => p.pid),
        [],
        'every worker and child ended',
      );
      for (const child of children) {
        const ms = watch.lastRunning.get(child.pid) ?? 0;
        assert.ok(ms < 100, `child ${child.pid} still ran ${ms.toFixed(1)} ms after the parent's SIGKILL`);
      }
    });
  }

  it('without setpriv, running workers end their children themselves; a paused worker’s child waits for its sleep', async (t) => {
    // What happens where setpriv is missing: pins the limit, as the worker test above does.
    const report = await startParent(['family', 'stop-one', 'no-pdeathsig'], false);
    assert.ok((await waitUntil(() => fullyStopped(report.stopped as number), 1000)) >= 0, 'the worker stopped');
    const pausedChild = children.find((c) => c.ppid === report.stopped);
    const runningChild = children.find((c) => c.ppid !== report.stopped);
    assert.ok(pausedChild && runningChild, `one child under each worker: ${JSON.stringify(children)}`);
    const t0 = performance.now();
    killParent(report);
    const watch = await watchEnds([runningChild], t0, 2000);
    assert.deepEqual(watch.alive, [], 'the running worker ended its child on its way out');
    t.diagnostic(`the running worker's child last seen ${watch.lastRunning.get(runningChild.pid)?.toFixed(1)} ms after the SIGKILL`);
    assert.ok(isRunning(pausedChild), 'the paused worker’s child is still there: nobody is left to end it');
  });
});
