// End to end, the pool lab: `pooltop --pool 2` runs two workers as its children, the
// pool menu pauses (T) and resumes them, and every way out ends them — SIGKILL of pooltop too.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { hasMainScreen, plain, readTable, rowState, selectedRows } from './monitor-screen.js';
import { POOLTOP_BIN, REPO_ROOT, startPooltop } from './pooltop-session.js';
import { endPoolTest, workerChildren, workersOf } from './pool-workers.js';
import { childrenOf, signalProcess, waitUntilGone, type ProcRef } from './proc-table.js';
import { TmuxSession } from './tmux-session.js';

let session: TmuxSession | undefined;
let workers: ProcRef[] = [];

afterEach(async () => {
  const [s, w] = [session, workers];
  session = undefined;
  workers = [];
  await endPoolTest(s, w);
});

/** The worker rows as drawn: their state letters. */
function workerStates(screen: string, pids: readonly number[]): string[] {
  const rows = readTable(screen)?.rows ?? [];
  return pids.map((pid) => {
    const row = rows.find((r) => r.pid === pid);
    return row ? (rowState(row.text) ?? '?') : '-';
  });
}

describe('the pool in a 120×40 terminal', () => {
  it('--pool 2 runs two workers under pooltop; the menu pauses (T) and resumes them; q ends them', async () => {
    session = await startPooltop(['--pool', '2']);
    workers = await workersOf(session, 2);
    const pids = workers.map((w) => w.pid);
    const pooltop = (await session.programProcess())!;
    assert.ok(
      workers.every((w) => w.ppid === pooltop.pid),
      'the workers are pooltop children',
    );
    await session.waitFor((s) => workerStates(s, pids).every((st) => st === 'R'), { description: 'both workers in state R', timeoutMs: 8000 });
    assert.match(plain(await session.capture()), /Pool: 2 workers/);
    // Its own workers' rows, by PID: other pooltops on the machine have rows titled the same. A
    // worker names itself once it runs, so a refresh may show the command it started with first.
    const titled = /pooltop-worker \d+ +\[primes \d+\]/;
    await session.waitFor((s) => readTable(s)?.rows.some((r) => pids.includes(r.pid) && titled.test(r.text)) ?? false, {
      description: 'a worker of this pool titled with its task',
    });

    // w, then the fourth entry: Pause all.
    await session.sendKeys('w');
    await session.waitFor(/Pause all/, { description: 'the pool menu' });
    await session.sendKeys('Down', 'Down', 'Down', 'Enter');
    await session.waitFor((s) => workerStates(s, pids).every((st) => st === 'T'), { description: 'both workers in state T' });
    for (const w of workers) assert.equal(childrenOf(pooltop.pid).find((c) => c.pid === w.pid)?.state, 'T');
    await session.waitFor(/2 paused/, { description: 'the header counting them paused' });

    await session.sendKeys('w');
    await session.waitFor(/Resume all/, { description: 'the pool menu' });
    await session.sendKeys('Down', 'Down', 'Down', 'Down', 'Enter');
    await session.waitFor((s) => workerStates(s, pids).every((st) => st === 'R' || st === 'S'), { description: 'both workers running again' });

    await session.sendKeys('q');
    assert.equal(await session.waitForExit(), 0);
    assert.deepEqual(
      (await waitUntilGone(workers, 3000)).map((w) => w.pid),
      [],
      'q ends every worker',
    );
  });

  it('z on a worker pauses it with no question asked, r resumes it', async () => {
    session = await startPooltop(['--pool', '1']);
    workers = await workersOf(session, 1);
    const [worker] = workers;
    if (worker === undefined) throw new Error('no worker');
    // Other pooltops on this machine run workers named "pooltop-worker 1" too: search for this
    // one's PID (read from pooltop's own children above), and step past any other process whose
    // command line holds those digits, so z only ever reaches the worker this test started.
    await session.waitFor((s) => workerStates(s, [worker.pid])[0] !== '-', { description: 'the worker row' });
    await session.sendKeys('/');
    await session.type(String(worker.pid));
    await session.sendKeys('Enter');
    const selectedPid = async (): Promise<number | undefined> => {
      const screen = await session!.waitFor((s) => selectedRows(s).length === 1, { colors: true, description: 'a row selected' });
      return selectedRows(screen)[0]?.pid;
    };
    for (let tries = 0; (await selectedPid()) !== worker.pid; tries++) {
      assert.ok(tries < 10, `the search for ${worker.pid} never selected the worker`);
      await session.sendKeys('n');
    }
    await session.sendKeys('z');
    await session.waitFor((s) => workerStates(s, [worker.pid])[0] === 'T', { description: 'the worker in state T' });
    await session.waitFor(/sent SIGSTOP \(19\)/, { description: 'the message' });
    await session.sendKeys('r');
    await session.waitFor((s) => ['R', 'S'].includes(workerStates(s, [worker.pid])[0] ?? ''), { description: 'running again' });
  });

  it('no worker survives SIGKILL of pooltop, even a paused one', async () => {
    session = await startPooltop(['--pool', '2']);
    workers = await workersOf(session, 2);
    // Pause one worker through pooltop's own menu so a stopped worker is part of the test.
    await session.sendKeys('w');
    await session.waitFor(/Pause all/, { description: 'the pool menu' });
    await session.sendKeys('Down', 'Down', 'Down', 'Enter');
    await session.waitFor(/2 paused/, { description: 'paused' });
    const pooltop = (await session.programProcess())!;
    assert.ok(signalProcess(pooltop, 'SIGKILL'));
    const alive = await waitUntilGone(workers, 2000);
    assert.deepEqual(
      alive.map((w) => w.pid),
      [],
      'every worker is gone within two seconds',
    );
  });

  it('a worker that cannot be added for want of file descriptors says so (EMFILE), not the worker limit', async () => {
    // A low open-file limit for pooltop alone, set by the shell that starts it.
    session = await TmuxSession.start({
      cwd: REPO_ROOT,
      label: 'emfile',
      command: ['sh', '-c', 'ulimit -n 64 && exec "$0" "$@"', POOLTOP_BIN, '--pool', '1', '-d', '5'],
    });
    await session.waitFor(hasMainScreen, { timeoutMs: 15_000, description: "pooltop's first full screen" });
    workers = await workersOf(session, 1);
    const pooltop = await session.programProcess();
    const added = new Set<number>();
    const addedPid = (text: string): number | null => {
      const match = /added a worker: PID (\d+)/.exec(plain(text));
      return match ? Number(match[1]) : null;
    };
    let screen = '';
    for (;;) {
      assert.ok(added.size < 40, 'the open-file limit was never reached');
      await session.sendKeys('w');
      await session.waitFor(/Pause all/, { description: 'the pool menu' });
      await session.sendKeys('Down', 'Enter');
      // A new PID, or the refusal: the previous add's message may still be on screen.
      screen = await session.waitFor(
        (text) => {
          const pid = addedPid(text);
          return /could not add a worker/.test(text) || (pid !== null && !added.has(pid));
        },
        { description: 'what adding a worker did' },
      );
      const pid = addedPid(screen);
      if (/could not add a worker/.test(screen) || pid === null) break;
      added.add(pid);
      workers = workerChildren(pooltop.pid);
    }
    assert.match(plain(screen), /could not add a worker: pooltop has as many files open as its limit allows \(ulimit -n\) \(EMFILE\)/);
    // The old message blamed the pool's size ("256 at most"); a PID on screen may contain 256 too.
    assert.doesNotMatch(plain(screen), /256 at most/);
    await session.sendKeys('q');
    assert.equal(await session.waitForExit(), 0, 'the monitor carried on and quits normally');
  });
});
