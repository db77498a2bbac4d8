import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import {
  accessMode,
  cgroupPath,
  classifyFdTarget,
  decodeMask,
  parseIo,
  parseSignalMasks,
  parseStatusFields,
  readProcessDetails,
  readSignalMasks,
  statExtras,
} from '../../src/platform/process-details.js';
import { parseIonice } from '../../src/platform/io-priority.js';

const HOLDER = fileURLToPath(new URL('./fixtures/signal-holder.py', import.meta.url));
const children: ChildProcess[] = [];

after(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null && child.pid! > 1) child.kill('SIGKILL');
});

/** The signal holder, once it says its dispositions are in place; with its pipe and socket fds. */
async function startHolder(): Promise<{ child: ChildProcess; fds: number[] }> {
  const child = spawn('python3', [HOLDER], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  const fds = line.toString().trim().split(' ').slice(1).map(Number);
  return { child, fds };
}

/** A mask as ps prints it (16 hex digits), from the signal numbers. */
function psMask(numbers: readonly number[]): string {
  return numbers
    .reduce((mask, n) => mask | (1n << BigInt(n - 1)), 0n)
    .toString(16)
    .padStart(16, '0');
}

describe('process details parsers', () => {
  it('decodes signal masks bit by bit (bit n−1 is signal n), and refuses what is not hex', () => {
    assert.deepEqual(decodeMask('0000000000004002'), [2, 15]);
    assert.deepEqual(decodeMask('0000000000000000'), []);
    assert.deepEqual(decodeMask('8000000000000000'), [64]);
    assert.equal(decodeMask('00zz'), null);
    assert.equal(decodeMask(undefined), null);
    assert.equal(decodeMask('1'.repeat(40)), null, 'no mask is longer than 128 bits');
  });

  it('merges the thread and process pending sets, and needs all five masks', () => {
    const fields = parseStatusFields(
      'SigPnd:\t0000000000000001\nShdPnd:\t0000000000000200\nSigBlk:\t0000000000000200\nSigIgn:\t0000000000000002\nSigCgt:\t0000000000004000\n',
    );
    assert.deepEqual(parseSignalMasks(fields), { pending: [1, 10], blocked: [10], ignored: [2], caught: [15] });
    assert.equal(parseSignalMasks(parseStatusFields('SigPnd:\t0\n')), null);
  });

  it('classifies fd targets and reads the access mode from fdinfo flags', () => {
    assert.deepEqual(classifyFdTarget('pipe:[5888094]'), { kind: 'pipe', inode: 5888094 });
    assert.deepEqual(classifyFdTarget('socket:[12]'), { kind: 'socket', inode: 12 });
    assert.equal(classifyFdTarget('/dev/pts/3').kind, 'tty');
    assert.equal(classifyFdTarget('/dev/null').kind, 'device');
    assert.equal(classifyFdTarget('anon_inode:[eventfd]').kind, 'anon');
    assert.equal(classifyFdTarget('/tmp/x (deleted)').kind, 'file');
    assert.equal(accessMode('pos:\t0\nflags:\t0100000\n'), 'read');
    assert.equal(accessMode('flags:\t02000001\n'), 'write');
    assert.equal(accessMode('flags:\t02\n'), 'read-write');
    assert.equal(accessMode(null), null);
  });

  it('reads /proc/PID/io, the cgroup path that says something, stat extras and ionice words', () => {
    assert.deepEqual(parseIo('rchar: 10\nwchar: 20\nsyscr: 1\nsyscw: 1\nread_bytes: 4096\nwrite_bytes: 8192\n'), {
      readBytes: 4096,
      writeBytes: 8192,
      rchar: 10,
      wchar: 20,
    });
    assert.equal(parseIo(null), null);
    assert.equal(cgroupPath('0::/user.slice/session-1.scope\n'), '/user.slice/session-1.scope');
    assert.equal(cgroupPath('4:memory:/process_api/abc\n1:cpu:/\n0::/\n'), '/process_api/abc');
    assert.equal(cgroupPath('0::/\n'), '/');
    // A name with ") R 1 (" inside cannot move the fields after it.
    // Fields 3 to 52 after the name, each its own number, then pgrp (5), tty_nr (7) and policy (41) set.
    const words = Array.from({ length: 50 }, (_, i) => String(i + 3));
    words[0] = 'S';
    words[5 - 3] = '42';
    words[7 - 3] = '34816';
    words[41 - 3] = '6';
    assert.deepEqual(statExtras(`42 (a) R 1 (b) ${words.join(' ')}`), { pgrp: 42, ttyNr: 34816, policy: 6 });
    assert.equal(parseIonice('best-effort: prio 4\n'), 'best-effort 4');
    assert.equal(parseIonice('idle\n'), 'idle');
    assert.equal(parseIonice('none: prio 4\n'), 'none (from nice: best-effort 4)');
    assert.equal(parseIonice('\x1b[31mevil\n'), null);
  });
});

describe('readProcessDetails on a real process', () => {
  it('agrees with ps on identity, nice and the four signal masks, and sees the pipe and the socket', async () => {
    const { child, fds } = await startHolder();
    const pid = child.pid!;
    const details = readProcessDetails(pid);
    assert.ok(details, 'the holder is readable');
    const [ppid, pgid, sid, ni, caught, ignored, blocked, pending] = execFileSync(
      'ps',
      ['-o', 'ppid=,pgid=,sid=,ni=,caught=,ignored=,blocked=,pending=', '-p', String(pid)],
      { encoding: 'utf8' },
    )
      .trim()
      .split(/\s+/);
    assert.equal(details.ppid, Number(ppid), 'PPID');
    assert.equal(details.pgrp, Number(pgid), 'PGRP');
    assert.equal(details.sid, Number(sid), 'SID');
    assert.equal(details.nice, Number(ni), 'nice');
    assert.ok(details.signals);
    assert.equal(psMask(details.signals.caught), caught, 'caught');
    assert.equal(psMask(details.signals.ignored), ignored, 'ignored');
    assert.equal(psMask(details.signals.blocked), blocked, 'blocked');
    assert.equal(psMask(details.signals.pending), pending, 'pending');
    assert.ok(details.signals.caught.includes(15), 'SIGTERM caught');
    assert.ok(details.signals.ignored.includes(2), 'SIGINT ignored');
    assert.ok(details.signals.blocked.includes(10) && details.signals.pending.includes(10), 'SIGUSR1 blocked and pending');
    const [readFd, writeFd, socketFd] = fds;
    const files = details.files ?? [];
    const readEnd = files.find((f) => f.fd === readFd);
    const writeEnd = files.find((f) => f.fd === writeFd);
    assert.equal(readEnd?.kind, 'pipe');
    assert.equal(readEnd?.access, 'read');
    assert.equal(writeEnd?.access, 'write');
    assert.equal(readEnd?.inode, writeEnd?.inode, 'the two ends of one pipe share its inode');
    assert.equal(files.find((f) => f.fd === socketFd)?.kind, 'socket');
    assert.equal(details.exe, execFileSync('readlink', [`/proc/${pid}/exe`], { encoding: 'utf8' }).trim());
    assert.ok(details.threads.length >= 1 && details.threads[0]!.tid === pid, 'the main thread is listed');
    assert.deepEqual(readSignalMasks(pid), details.signals);
  });

  it('reads the environment only when asked, and null for a PID that is gone', async () => {
    const { child } = await startHolder();
    assert.equal(readProcessDetails(child.pid!)?.environment, null);
    const env = readProcessDetails(child.pid!, { environment: true })?.environment ?? [];
    assert.ok(
      env.some((e) => e.startsWith('PATH=')),
      'PATH is in the environment',
    );
    assert.equal(readProcessDetails(child.pid!, { environment: () => false })?.environment, null);
    child.kill('SIGKILL');
    await once(child, 'exit');
    assert.equal(readProcessDetails(child.pid!), null);
  });
});
