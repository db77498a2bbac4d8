// End to end, signals: pause and resume a process this test started, then kill it from the signal
// menu by typing its number, confirming with y, and see it gone from /proc; pause a tagged subtree
// only after a question with the count; never pause the tmux server pooltop is drawn by.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, afterEach, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { readTable, rowState, selectedRows } from './monitor-screen.js';
import { startPooltop } from './pooltop-session.js';
import { childrenOf, readProc, signalProcess, type ProcRef } from './proc-table.js';
import type { TmuxSession } from './tmux-session.js';

const MARKER = String(920_000_000 + process.pid);
let sleeper: ChildProcess | undefined;
let ref: ProcRef | null = null;
let session: TmuxSession | undefined;

/** Processes a test started besides `sleeper`: killed by PID after each test. */
const started: ProcRef[] = [];

afterEach(async () => {
  // A tmux server a failing test got stopped must run again to be ended.
  if (session && readProc(session.server.pid)?.state === 'T') signalProcess(session.server, 'SIGCONT');
  await session?.kill();
  session = undefined;
  for (const ref of started.splice(0)) signalProcess(ref, 'SIGKILL');
});

/** Searches for `text` and waits until the row of `pid` is the one selected. */
async function select(s: TmuxSession, text: string, pid: number): Promise<void> {
  await s.sendKeys('/');
  await s.type(text);
  await s.sendKeys('Enter');
  await s.waitFor((screen) => selectedRows(screen)[0]?.pid === pid, { colors: true, description: `PID ${pid} selected` });
}

/** Polls for `ms`; true as soon as `test` holds. */
async function becomes(test: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await delay(20)) if (test()) return true;
  return test();
}

after(() => {
  if (ref) signalProcess(ref, 'SIGKILL');
});

/** The sleep's row as drawn: its state letter (the S column). */
function stateOf(screen: string): string | undefined {
  const row = readTable(screen)?.rows.find((r) => r.command.endsWith(`sleep ${MARKER}`));
  return row ? rowState(row.text) : undefined;
}

describe('signals in a 120×40 terminal', () => {
  it('z pauses (T), r resumes, and k 9 Enter y kills the process', async () => {
    sleeper = spawn('sleep', [MARKER], { stdio: 'ignore' });
    ref = readProc(sleeper.pid!);
    assert.ok(ref);
    const exited = new Promise<NodeJS.Signals | null>((resolve) => sleeper!.once('exit', (_code, signal) => resolve(signal)));

    session = await startPooltop();
    await session.sendKeys('/');
    await session.type(MARKER);
    await session.sendKeys('Enter');
    await session.waitFor((s) => readTable(s)?.rows.some((r) => r.selected && r.command.endsWith(`sleep ${MARKER}`)) ?? false, {
      colors: true,
      description: 'the sleep selected',
    });

    await session.sendKeys('z');
    await session.waitFor((s) => stateOf(s) === 'T', { description: 'state T after z' });
    assert.equal(readProc(ref.pid)?.state, 'T');
    await session.waitFor(/sent SIGSTOP \(19\) to \d+ sleep/, { description: 'the SIGSTOP message' });

    await session.sendKeys('r');
    await session.waitFor((s) => stateOf(s) === 'S', { description: 'state S after r' });
    assert.equal(readProc(ref.pid)?.state, 'S');

    await session.sendKeys('k');
    await session.waitFor(/Send signal to PID \d+/, { description: 'the signal menu' });
    await session.sendKeys('9');
    await session.sendKeys('Enter');
    await session.waitFor(/Send SIGKILL \(9\) to \d+ sleep \d+\? — y to send/, { description: 'the confirmation' });
    assert.equal(readProc(ref.pid)?.state, 'S', 'nothing is sent before y');
    await session.sendKeys('y');
    assert.equal(await exited, 'SIGKILL');
    assert.equal(readProc(ref.pid), null, 'gone from /proc');
    await session.waitFor(/sent SIGKILL \(9\) to \d+ sleep/, { description: 'the SIGKILL message' });
    ref = null;
  });

  it('c on a shell then z asks with the count before pausing its subtree; r asks again', async () => {
    const shell = spawn('sh', ['-c', `sleep ${MARKER}1 & sleep ${MARKER}2 & wait`, `tree-${MARKER}`], { stdio: 'ignore' });
    const root = readProc(shell.pid!)!;
    started.push(root);
    let kids: ProcRef[] = [];
    const bothAsleep = (): boolean => {
      kids = childrenOf(root.pid);
      return kids.length === 2 && kids.every((k) => k.state === 'S');
    };
    assert.ok(await becomes(bothAsleep, 5000), 'both sleeps started');
    started.push(...kids);
    const tree = [root, ...kids];
    const states = (): string[] => tree.map((p) => readProc(p.pid)?.state ?? 'gone');

    session = await startPooltop(['-s', 'pid', '-p', tree.map((p) => p.pid).join(',')]);
    await select(session, `tree-${MARKER}`, root.pid);
    await session.sendKeys('c');
    await session.waitFor('[3 tagged]', { description: 'the shell and its two sleeps tagged' });
    await session.sendKeys('z');
    await session.waitFor(new RegExp(`Send SIGSTOP \\(19\\) to 3 processes: ${root.pid} sh -c .*\\? — y to`), { description: 'the question with the count' });
    assert.deepEqual(states(), ['S', 'S', 'S'], 'nothing paused before y');
    await session.sendKeys('y');
    assert.ok(await becomes(() => states().every((st) => st === 'T'), 3000), `paused: ${states().join(' ')}`);
    await session.waitFor(/SIGSTOP: sent to 3/, { description: 'the outcome' });
    await session.sendKeys('r');
    await session.waitFor(/Send SIGCONT \(18\) to 3 processes: /, { description: 'the question for SIGCONT' });
    await session.sendKeys('y');
    assert.ok(await becomes(() => states().every((st) => st === 'S'), 3000), `resumed: ${states().join(' ')}`);
  });

  it('refuses to pause or end the tmux server it runs under, and may resume it', async () => {
    session = await startPooltop(['-s', 'pid']);
    const server = session.server;
    await select(session, session.socket, server.pid);
    await session.sendKeys('z');
    const stopped = await becomes(() => readProc(server.pid)?.state === 'T', 1000);
    if (stopped) signalProcess(server, 'SIGCONT');
    assert.equal(stopped, false, 'the tmux server was stopped');
    await session.waitFor(new RegExp(`refused: ${server.pid} is an ancestor of pooltop`), { description: 'the refusal' });
    await session.sendKeys('k');
    await session.waitFor(/Send signal to PID/, { description: 'the signal menu' });
    await session.sendKeys('Enter');
    await session.waitFor(/Send SIGTERM \(15\) to \d+ tmux .*\? — y to send/, { description: 'the question' });
    await session.sendKeys('y');
    await session.waitFor(new RegExp(`refused: ${server.pid} is an ancestor of pooltop`), { description: 'SIGTERM refused' });
    await session.sendKeys('r');
    await session.waitFor(new RegExp(`sent SIGCONT \\(18\\) to ${server.pid} tmux`), { description: 'SIGCONT sent' });
    // Running (R) while it redraws, or asleep (S): anything but stopped.
    assert.notEqual(readProc(server.pid)?.state, 'T', 'the tmux server runs again');
  });
});
