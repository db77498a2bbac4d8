// End to end, the family workload's children never outlive pooltop: started from an interactive
// shell (bash -i, so pooltop leads its own foreground process group), a SIGKILL of pooltop or of
// one worker ends each task child within 100 ms, a paused worker's child too.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { afterEach, describe, it } from 'node:test';
import { parentDeathLauncher } from '../../src/pool/parent-death-signal.js';
import { startPooltop } from './pooltop-session.js';
import { endPoolTest } from './pool-workers.js';
import { childrenOf, isRunning, readCmdline, readProc, signalProcess, watchEnds, type ProcRef } from './proc-table.js';
import type { TmuxSession } from './tmux-session.js';

let session: TmuxSession | undefined;
/** Every worker and child the test saw pooltop start: none may outlive the test. */
let seen: ProcRef[] = [];

afterEach(async () => {
  const [s, p] = [session, seen];
  session = undefined;
  seen = [];
  // A child that outlived pooltop is no longer in the session's tree: it is ended there, then fails.
  await endPoolTest(s, p, 'no worker or child outlived pooltop');
});

// The pool menu's entries (src/store/pool-actions.ts POOL_MENU).
const PAUSE_ALL = 3;
const FAMILY_WORKLOAD = 12;

async function poolMenu(s: TmuxSession, index: number, done: RegExp): Promise<void> {
  await s.sendKeys('w');
  await s.waitFor(/Pause all/, { description: 'the pool menu' });
  await s.sendKeys(...Array<string>(index).fill('Down'), 'Enter');
  await s.waitFor(done, { description: `the message ${done}` });
}

/** pooltop from bash -i with two workers on the family stream, once each worker's child sleeps. */
async function familyPool(): Promise<{ pooltop: ProcRef; workers: ProcRef[]; children: ProcRef[] }> {
  session = await startPooltop(['--pool', '2', '-d', '5'], { interactiveShell: true });
  const pooltop = await session.programProcess();
  const shell = readProc(pooltop.ppid);
  assert.ok(shell && readCmdline(shell.pid).startsWith('bash'), 'pooltop runs under bash');
  assert.equal(processGroup(pooltop.pid), pooltop.pid, 'job control: pooltop leads its own process group');
  // Wait for what stays on screen, not for messages: a later one (the pool's start) can replace them.
  await session.waitFor(/Pool: 2 workers ·/, { timeoutMs: 15_000, description: 'the pool panel' });
  await poolMenu(session, FAMILY_WORKLOAD, /family \(worker → child\) stream/);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const workers = childrenOf(pooltop.pid).filter((p) => readCmdline(p.pid).startsWith('pooltop-worker') && isRunning(p));
    const children = workers.flatMap((w) => childrenOf(w.pid)).filter((c) => readCmdline(c.pid) === 'sleep 8' && isRunning(c));
    seen.push(...[...workers, ...children].filter((p) => !seen.some((q) => q.pid === p.pid)));
    if (workers.length === 2 && children.length === 2) return { pooltop, workers, children };
    if (Date.now() > deadline) throw new Error(`pooltop has ${workers.length} workers and ${children.length} sleeping children`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** /proc/PID/stat field 5, the process group. */
function processGroup(pid: number): number {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[2]);
}

const noSetpriv = !parentDeathLauncher() && 'this system has no setpriv with --pdeathsig';

describe('family children end with their worker, pooltop started from bash -i', () => {
  it('SIGKILL of pooltop, with a paused worker: every child ends within 100 ms', { skip: noSetpriv }, async (t) => {
    const { pooltop, workers, children } = await familyPool();
    await poolMenu(session!, PAUSE_ALL, /Pool: 2 workers, 2 paused/);
    const t0 = performance.now();
    assert.ok(signalProcess(pooltop, 'SIGKILL'));
    const watch = await watchEnds([...workers, ...children], t0, 2000);
    const last = children.map((c) => `${c.pid}: ${watch.lastRunning.get(c.pid)?.toFixed(1)} ms`).join(', ');
    t.diagnostic(`children last seen running after pooltop's SIGKILL: ${last}; ${watch.looks} looks, at most ${watch.maxGapMs.toFixed(1)} ms apart`);
    assert.deepEqual(
      watch.alive.map((p) => p.pid),
      [],
      'every worker and child ended',
    );
    for (const child of children) {
      const ms = watch.lastRunning.get(child.pid) ?? 0;
      assert.ok(ms < 100, `child ${child.pid} still ran ${ms.toFixed(1)} ms after pooltop's SIGKILL`);
    }
  });

  it('SIGKILL of a worker ends its child within 100 ms; q ends the rest within 100 ms of their workers', { skip: noSetpriv }, async (t) => {
    const { workers, children } = await familyPool();
    const victim = workers[0]!;
    const child = children.find((c) => c.ppid === victim.pid)!;
    const t0 = performance.now();
    assert.ok(signalProcess(victim, 'SIGKILL'));
    const watch = await watchEnds([victim, child], t0, 2000);
    assert.deepEqual(
      watch.alive.map((p) => p.pid),
      [],
      'the worker and its child ended',
    );
    const ms = watch.lastRunning.get(child.pid) ?? 0;
    t.diagnostic(`child last seen running ${ms.toFixed(1)} ms after its worker's SIGKILL (looks at most ${watch.maxGapMs.toFixed(1)} ms apart)`);
    assert.ok(ms < 100, `child ${child.pid} still ran ${ms.toFixed(1)} ms after its worker's SIGKILL`);
    await session!.waitFor(new RegExp(`PID ${victim.pid}\\) was killed by SIGKILL; its child ${child.pid} \\(sleep 8\\) ended with it`), {
      description: 'the message line telling the child ended with its worker',
    });

    // q: pooltop SIGKILLs the children, then the workers; no child outlives its worker by 100 ms.
    const other = workers[1]!;
    const otherChild = children.find((c) => c.ppid === other.pid)!;
    const t1 = performance.now();
    await session!.sendKeys('q');
    const end = await watchEnds([other, otherChild], t1, 3000);
    assert.deepEqual(
      end.alive.map((p) => p.pid),
      [],
      'q ended the other worker and its child',
    );
    const outlived = (end.lastRunning.get(otherChild.pid) ?? 0) - (end.endedBy.get(other.pid) ?? 0);
    t.diagnostic(`on q, child ${otherChild.pid} last seen running ${outlived.toFixed(1)} ms after its worker was seen gone`);
    assert.ok(outlived < 100, `child ${otherChild.pid} was seen running ${outlived.toFixed(1)} ms after its worker ended`);
    assert.equal(await session!.waitForExit(), 0);
  });
});
