// End to end, signals (issue 4): pause and resume a process this test started, then kill it from
// the signal menu by typing its number, confirming with y, and see it gone from /proc.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, afterEach, describe, it } from 'node:test';
import { readTable } from './monitor-screen.js';
import { startPooltop } from './pooltop-session.js';
import { readProc, signalProcess, type ProcRef } from './proc-table.js';
import type { TmuxSession } from './tmux-session.js';

const MARKER = String(920_000_000 + process.pid);
let sleeper: ChildProcess | undefined;
let ref: ProcRef | null = null;
let session: TmuxSession | undefined;

afterEach(async () => {
  await session?.kill();
  session = undefined;
});

after(() => {
  if (ref) signalProcess(ref, 'SIGKILL');
});

/** The sleep's row as drawn: its state letter (the S column). */
function stateOf(screen: string): string | undefined {
  const row = readTable(screen)?.rows.find((r) => r.command.endsWith(`sleep ${MARKER}`));
  return row ? /^\s*\d+\s+\d+\s+\S+\s+\S+\s+\S+\s+\S+\s+\S+\s+(\S)\s/.exec(row.text)?.[1] : undefined;
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
});
