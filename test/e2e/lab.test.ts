// End to end, two exercises of docs/lab.md as a user does them: a trap-mode worker survives SIGTERM
// and SIGINT from the signal menu (the message line says it caught them) and only SIGKILL ends it;
// a family worker killed with SIGKILL takes its child with it (the child's parent-death signal),
// and q leaves no worker and no child behind.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { parentDeathLauncher } from '../../src/pool/parent-death-signal.js';
import { plain, readTable, selectedRows } from './monitor-screen.js';
import { startPooltop } from './pooltop-session.js';
import { endPoolTest } from './pool-workers.js';
import { childrenOf, descendantsOf, isRunning, readCmdline, waitUntilGone, type ProcRef } from './proc-table.js';
import type { TmuxSession } from './tmux-session.js';

let session: TmuxSession | undefined;
/** Every worker and child the test saw pooltop start: none may outlive the test. */
let seen: ProcRef[] = [];

afterEach(async () => {
  const [s, p] = [session, seen];
  session = undefined;
  seen = [];
  // A child that outlived its worker is no longer in pooltop's tree, so the session's own sweep
  // cannot find it: endPoolTest ends what is still the very process we saw, then fails.
  await endPoolTest(s, p, 'no worker or child outlived pooltop');
});

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `find` until it returns something, for at most `timeoutMs`. */
async function poll<T>(what: string, find: () => T | null | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== null && found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(50);
  }
}

/** pooltop's worker with this index ("pooltop-worker 2"), once it runs. */
async function worker(s: TmuxSession, index: number): Promise<ProcRef> {
  const pooltop = await s.programProcess();
  assert.ok(pooltop, 'pooltop runs');
  const found = await poll(`pooltop-worker ${index}`, () =>
    childrenOf(pooltop.pid).find((p) => readCmdline(p.pid).startsWith(`pooltop-worker ${index}`) && isRunning(p)),
  );
  seen.push(found);
  return found;
}

/** Opens the pool menu and runs its entry at `index` (0 = Start a pool; see POOL_MENU). */
async function poolMenu(s: TmuxSession, index: number, done: RegExp): Promise<void> {
  await s.sendKeys('w');
  await s.waitFor(/Pause all/, { description: 'the pool menu' });
  if (index > 0) await s.sendKeys(...Array<string>(index).fill('Down'));
  await s.sendKeys('Enter');
  await s.waitFor(done, { description: `the message ${done}` });
}

/**
 * `\` filter: only rows whose command line holds `text` (in tree view their ancestors too, dimmed).
 * A busy machine has more processes than the screen has lines, and idle workers sort low.
 */
async function filter(s: TmuxSession, text: string): Promise<void> {
  await s.sendKeys('\\');
  await s.type(text);
  await s.sendKeys('Enter');
  await s.waitFor(`[filter "${text}"]`, { description: 'the filter kept' });
}

/** Selects the worker row through search, then forgets the search so messages get the whole line. */
async function selectWorker(s: TmuxSession, index: number, pid: number): Promise<void> {
  // Search looks at the rows shown: first a refresh that has read the worker's title.
  await s.waitFor(new RegExp(`pooltop-worker ${index} +\\[`), { description: 'the worker row with its title' });
  await s.sendKeys('/');
  await s.type(`pooltop-worker ${index}`);
  await s.sendKeys('Enter');
  await s.waitFor(/\[search /, { description: 'the search kept' });
  // Another pooltop on this machine (a parallel test run) can have a worker with the same title:
  // n moves to the next match until ours is selected.
  for (let tries = 0; ; tries++) {
    const screen = await s.waitFor((text) => selectedRows(text).length === 1, { colors: true, description: 'a row selected' });
    if (selectedRows(screen)[0]?.pid === pid) break;
    if (tries === 10) throw new Error(`worker ${pid} not found by search`);
    await s.sendKeys('n');
    await delay(150);
  }
  await s.sendKeys('Escape');
  await s.waitFor((screen) => !/\[search /.test(screen), { description: 'the search forgotten' });
}

/** `k`, then the signal by number (none: SIGTERM, highlighted first), then Enter. */
async function signalMenu(s: TmuxSession, pid: number, number?: string): Promise<void> {
  await s.sendKeys('k');
  await s.waitFor(new RegExp(`Send signal to PID ${pid}`), { description: 'the signal menu' });
  if (number !== undefined) await s.sendKeys(...number.split(''));
  await s.sendKeys('Enter');
}

// The pool menu's entries (src/store/pool-actions.ts POOL_MENU).
const ADD = 1;
const TRAP = 7;
const SLEEP_WORKLOAD = 11;
const FAMILY_WORKLOAD = 12;

describe('the lab exercises in a 120×40 terminal', () => {
  it('a worker that traps SIGTERM and SIGINT survives both from the signal menu; SIGKILL ends it', async () => {
    session = await startPooltop(['--pool', '1', '-d', '5']);
    await worker(session, 1);
    // An I/O-bound workload keeps the CPU free for the test; handlers run between tasks either way.
    await poolMenu(session, SLEEP_WORKLOAD, /workload: sleep/);
    await poolMenu(session, TRAP, /new workers catch and ignore SIGTERM and SIGINT/);
    await poolMenu(session, ADD, /added a worker: PID \d+/);
    const trapper = await worker(session, 2);
    await filter(session, 'pooltop-worker');
    await session.waitFor(new RegExp(`${trapper.pid} \\S .*trap`), { description: 'the panel marking it trap' });
    await selectWorker(session, 2, trapper.pid);

    await signalMenu(session, trapper.pid);
    await session.waitFor(new RegExp(`worker 2 \\(PID ${trapper.pid}\\) caught SIGTERM and ignored it`), {
      description: 'the message line saying it caught SIGTERM',
    });
    assert.ok(isRunning(trapper), 'SIGTERM did not end it');

    await signalMenu(session, trapper.pid, '2');
    await session.waitFor(new RegExp(`worker 2 \\(PID ${trapper.pid}\\) caught SIGINT and ignored it`), {
      description: 'the message line saying it caught SIGINT',
    });
    assert.ok(isRunning(trapper), 'SIGINT did not end it');

    await signalMenu(session, trapper.pid, '9');
    await session.waitFor(new RegExp(`worker 2 \\(PID ${trapper.pid}\\) was killed by SIGKILL`), { description: 'the SIGKILL message' });
    assert.deepEqual(
      (await waitUntilGone([trapper], 2000)).map((p) => p.pid),
      [],
      'SIGKILL ended it',
    );

    const rest = descendantsOf((await session.programProcess())!.pid);
    seen.push(...rest);
    await session.sendKeys('q');
    assert.equal(await session.waitForExit(), 0);
    assert.deepEqual(
      (await waitUntilGone(seen, 3000)).map((p) => p.pid),
      [],
      'q ends every worker',
    );
  });

  it('family: kill a worker and its child ends with it (its parent-death signal); q leaves nothing behind', {
    skip: !parentDeathLauncher() && 'this system has no setpriv with --pdeathsig',
  }, async () => {
    session = await startPooltop(['--pool', '1', '-t', '-d', '5']);
    const first = await worker(session, 1);
    // The start's message comes once the worker is ready: let it come before the menu's own.
    await session.waitFor(/pool started/, { timeoutMs: 15_000, description: 'the pool started' });
    await poolMenu(session, FAMILY_WORKLOAD, /workload: family/);
    // Just the sleeps: in tree view their ancestors stay, dimmed.
    await filter(session, 'sleep 8');
    // The primes task it had finishes first; then each task is a `sleep 8` child it waits for.
    const child = await poll('the worker’s sleep 8 child', () => childrenOf(first.pid).find((p) => readCmdline(p.pid) === 'sleep 8' && isRunning(p)), 15_000);
    seen.push(child);
    await session.waitFor(new RegExp(`^\\s*${child.pid}\\s+${first.pid}\\s.*─ sleep 8`, 'm'), {
      description: 'the child under its worker in the tree',
    });
    await selectWorker(session, 1, first.pid);
    await signalMenu(session, first.pid, '9');

    const screen = await session.waitFor(
      new RegExp(`worker 1 \\(PID ${first.pid}\\) was killed by SIGKILL; its child ${child.pid} \\(sleep 8\\) ended with it`),
      {
        description: 'the message line telling the child ended with its worker',
      },
    );
    assert.ok(!isRunning(child), 'the child did not outlive its worker');
    assert.doesNotMatch(plain(screen), /\d+ orphans? \(PID/, 'the pool panel counts no orphan');
    // Until PID 1 reaps it, the dead child is a zombie re-parented to it, and may be drawn so.
    await session.waitFor(
      (s) => {
        const row = readTable(s)?.rows.find((r) => r.pid === child.pid);
        return row === undefined || /\sZ\s/.test(row.text);
      },
      { description: 'the child’s row gone, or a zombie (Z)' },
    );

    // The task went back to the queue: the replacement runs it with a child of its own.
    const replacement = await worker(session, 2);
    const second = await poll('the replacement’s child', () => childrenOf(replacement.pid).find((p) => readCmdline(p.pid) === 'sleep 8'), 15_000);
    seen.push(second);
    await session.sendKeys('q');
    assert.equal(await session.waitForExit(), 0);
    assert.deepEqual(
      (await waitUntilGone(seen, 3000)).map((p) => p.pid),
      [],
      'no worker and no child is left',
    );
  });
});
