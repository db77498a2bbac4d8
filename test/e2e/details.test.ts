// End to end, the details view: Enter on a process this test started shows the signals it
// catches, ignores, blocks and has pending as ps reads them, its pipe's two ends and its socket;
// [ renices it (ps -o ni), the affinity menu pins it (taskset), s attaches strace and Esc
// detaches it; --readonly refuses every change and says so.
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, afterEach, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { startPooltop } from './pooltop-session.js';
import type { TmuxSession } from './tmux-session.js';

const HOLDER = fileURLToPath(new URL('../platform/fixtures/signal-holder.py', import.meta.url));
const holders: ChildProcess[] = [];
let session: TmuxSession | undefined;

afterEach(async () => {
  await session?.kill();
  session = undefined;
});
after(() => {
  for (const child of holders) if (child.exitCode === null && child.signalCode === null && child.pid! > 1) child.kill('SIGKILL');
});

async function startHolder(): Promise<{ pid: number; fds: number[] }> {
  const child = spawn('python3', [HOLDER], { stdio: ['ignore', 'pipe', 'inherit'] });
  holders.push(child);
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  return { pid: child.pid!, fds: line.toString().trim().split(' ').slice(1).map(Number) };
}

const ps = (pid: number, field: string): string => execFileSync('ps', ['-o', `${field}=`, '-p', String(pid)], { encoding: 'utf8' }).trim();
const tracerOf = (pid: number): number => Number(/^TracerPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);

async function becomes(test: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await delay(25)) if (test()) return true;
  return test();
}

describe('the details view in a 120×40 terminal', () => {
  it('shows the signal dispositions, the pipe and the socket; renices, pins, traces and detaches', async () => {
    const { pid, fds } = await startHolder();
    session = await startPooltop(['-p', String(pid)]);
    await session.waitFor(new RegExp(`^\\s*${pid}\\s`, 'm'), { description: 'the holder row' });
    await session.sendKeys('Enter');
    const screen = await session.waitFor(/SIGINT: ignored — sending it does nothing/, { description: 'SIGINT ignored' });
    assert.match(screen, new RegExp(`PID ${pid}\\s+PPID ${ps(pid, 'ppid')}\\s+PGRP ${ps(pid, 'pgid')}\\s+SID ${ps(pid, 'sid')}`));

    // The signals further down: scrolled to, as a user would.
    await session.sendKeys('Down', 'Down', 'Down', 'Down', 'Down', 'Down', 'Down', 'Down', 'Down', 'Down');
    await session.waitFor(/SIGTERM: caught — it will run its handler, and may not exit/, { description: 'SIGTERM caught' });
    await session.waitFor(/SIGUSR1: default — ends it; blocked: held until the process unblocks it; pending: sent, not yet delivered/, {
      description: 'SIGUSR1 blocked and pending',
    });

    await session.sendKeys('l');
    const [readFd, writeFd, socketFd] = fds;
    await session.waitFor(new RegExp(`^\\s*${readFd} r\\s+pipe\\s+pipe \\d+ \\(read end; fd ${writeFd} is the other end\\)`, 'm'), {
      description: 'the pipe read end',
    });
    await session.waitFor(new RegExp(`^\\s*${socketFd} rw socket`, 'm'), { description: 'the socket' });

    // [ (F8): nice +1, as ps sees it.
    assert.equal(ps(pid, 'ni'), '0');
    await session.sendKeys('[');
    await session.waitFor(new RegExp(`nice 0 → 1: ${pid}`), { description: 'the renice message' });
    assert.equal(ps(pid, 'ni'), '1');

    // The signal menu from the details view says SIGTERM is caught; Esc goes back to the view.
    await session.sendKeys('k');
    await session.waitFor(/15\s+SIGTERM\s+\[caught\] ask to terminate/, { description: 'the signal menu with dispositions' });
    await session.sendKeys('Escape');
    await session.waitFor(/Esc back · ↑↓ PgUp PgDn scroll/, { description: 'back in the details view' });

    // Affinity: untick CPU 0, Enter: taskset reads the rest.
    await session.sendKeys('a');
    await session.waitFor(/CPUs \(Space ticks, Enter sets\)/, { description: 'the affinity menu' });
    await session.sendKeys('Space');
    await session.waitFor(/\[ \] CPU 0/, { description: 'CPU 0 unticked' });
    await session.sendKeys('Enter');
    await session.waitFor(/CPUs 1: \d+/, { description: 'the affinity message' });
    assert.match(execFileSync('taskset', ['-cp', String(pid)], { encoding: 'utf8' }), /list: 1$/m);

    // strace: attached while the view is open, detached by Esc.
    await session.sendKeys('s');
    await session.waitFor(new RegExp(`strace -f -p ${pid}`), { description: 'the strace view' });
    assert.ok(await becomes(() => tracerOf(pid) > 0, 10_000), 'strace attached');
    await session.sendKeys('Escape');
    await session.waitFor(/Esc back · ↑↓ PgUp PgDn scroll/, { description: 'back in the details view' });
    assert.ok(await becomes(() => tracerOf(pid) === 0, 10_000), 'strace detached');
    assert.notEqual(ps(pid, 'stat')[0], 't', 'the process runs on untraced');

    await session.sendKeys('Escape');
    await session.waitFor(/F9Kill/, { description: 'the main screen' });
  });

  it('--readonly: k, z, [, ], i, s and w refuse with a message, and nothing changes', async () => {
    const { pid } = await startHolder();
    session = await startPooltop(['--readonly', '-p', String(pid)]);
    await session.waitFor(new RegExp(`^\\s*${pid}\\s`, 'm'), { description: 'the holder row' });
    for (const [key, what] of [
      ['k', 'sending signals'],
      ['z', 'pausing'],
      ['[', 'renice'],
      [']', 'renice'],
      ['i', 'setting the I/O priority'],
      ['s', 'strace'],
      ['w', 'the pool'],
    ] as const) {
      await session.sendKeys(key);
      await session.waitFor(new RegExp(`read-only: ${what}[^\\n]* is disabled`), { description: `${key} refused` });
    }
    assert.equal(ps(pid, 'ni'), '0');
    assert.equal(ps(pid, 'stat')[0], 'S');
    // The details view still opens (it only reads), and its keys refuse too.
    await session.sendKeys('Enter');
    await session.waitFor(/SIGINT: ignored/, { description: 'the details view' });
    await session.sendKeys('a');
    await session.waitFor(/read-only: setting the CPU affinity is disabled/, { description: 'affinity refused' });
    await session.sendKeys('Escape');
    await session.sendKeys('h');
    await session.waitFor(/\(disabled: read-only\) signal menu/, { description: 'the help marks the disabled keys' });
  });
});
