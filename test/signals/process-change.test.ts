import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { after, describe, it } from 'node:test';
import { readProcessIdentity } from '../../src/platform/process-identity.js';
import { readProcessDetails } from '../../src/platform/process-details.js';
import { renice, setAffinity, setIoPriority } from '../../src/signals/process-change.js';
import type { SignalTarget } from '../../src/signals/signal-outcome.js';

const children: ChildProcess[] = [];
after(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null && child.pid! > 1) child.kill('SIGKILL');
});

/** A sleep this test owns, as a row would show it (the start time /proc gives). */
async function sleeper(): Promise<{ child: ChildProcess; target: SignalTarget }> {
  const child = spawn('sleep', ['300'], { stdio: 'ignore' });
  children.push(child);
  await once(child, 'spawn');
  const details = readProcessDetails(child.pid!)!;
  return { child, target: { pid: child.pid!, startTime: details.startTime, command: 'sleep 300', exactStartTime: true } };
}

const ps = (pid: number, field: string): string => execFileSync('ps', ['-o', `${field}=`, '-p', String(pid)], { encoding: 'utf8' }).trim();
const root = process.geteuid?.() === 0;

describe('renice', () => {
  it('raises the nice by one per press, as ps -o ni sees it, and stops at 19', async () => {
    const { child, target } = await sleeper();
    assert.equal(ps(child.pid!, 'ni'), '0');
    const outcome = renice(target, 1);
    assert.equal(outcome.status, 'sent');
    assert.match(outcome.text, /^nice 0 → 1: \d+ sleep 300$/);
    assert.equal(ps(child.pid!, 'ni'), '1');
    execFileSync('renice', ['-n', '19', '-p', String(child.pid)], { stdio: 'ignore' });
    assert.match(renice(target, 1).text, /nice stays 19/);
  });

  it('lowers it as root, and says only root may when not permitted', { skip: !root && 'needs root to lower a nice value' }, async () => {
    const { child, target } = await sleeper();
    assert.equal(renice(target, -1).status, 'sent');
    assert.equal(ps(child.pid!, 'ni'), '-1');
    // As another user (nobody), lowering is refused by the kernel: run the same call under setpriv.
    // The start time as the other process reads it: boot time is estimated per process (~10 ms).
    const change = new URL('../../src/signals/process-change.ts', import.meta.url).href;
    const identity = new URL('../../src/platform/process-identity.ts', import.meta.url).href;
    const script = `Promise.all([import('${change}'), import('${identity}')]).then(([m, p]) => { const t = { ...${JSON.stringify(target)}, startTime: p.readProcessIdentity(${target.pid}).startTime }; const o = m.renice(t, -1); console.log(o.status + ' ' + o.text); })`;
    const said = execFileSync('setpriv', ['--reuid', 'nobody', '--regid', 'nogroup', '--clear-groups', process.execPath, '--import', 'tsx', '-e', script], {
      encoding: 'utf8',
    });
    assert.match(said, /^(not-permitted|refused)/);
  });

  it('refuses PID 1, pooltop itself, and a PID that now names another process', async () => {
    assert.equal(renice({ pid: 1, startTime: 0, command: 'init' }, 1).status, 'protected');
    assert.equal(renice({ pid: process.pid, startTime: 0, command: 'node' }, 1).status, 'protected');
    const { child, target } = await sleeper();
    const reused = renice({ ...target, startTime: target.startTime - 60_000 }, 1);
    assert.equal(reused.status, 'reused');
    assert.equal(ps(child.pid!, 'ni'), '0', 'nothing changed');
    assert.ok(readProcessIdentity(child.pid!) !== 'gone');
  });
});

describe('I/O priority and affinity through util-linux', () => {
  it('sets best-effort 7 and idle, as ionice -p reads them back', async () => {
    const { child, target } = await sleeper();
    assert.equal(setIoPriority(target, { ioClass: 'best-effort', level: 7 }).status, 'sent');
    assert.equal(execFileSync('ionice', ['-p', String(child.pid)], { encoding: 'utf8' }).trim(), 'best-effort: prio 7');
    assert.equal(setIoPriority(target, { ioClass: 'idle' }).status, 'sent');
    assert.equal(execFileSync('ionice', ['-p', String(child.pid)], { encoding: 'utf8' }).trim(), 'idle');
  });

  it('pins to CPU 0, as taskset -p and /proc read it back; says when the tool is missing', async () => {
    const { child, target } = await sleeper();
    const outcome = setAffinity(target, [0]);
    assert.equal(outcome.status, 'sent', outcome.text);
    assert.match(execFileSync('taskset', ['-cp', String(child.pid)], { encoding: 'utf8' }), /list: 0$/m);
    assert.equal(readProcessDetails(child.pid!)?.cpusAllowed, '0');
    assert.equal(setAffinity(target, []).status, 'invalid');
    const missing = setAffinity(target, [0], 'taskset-that-is-not-installed');
    assert.match(missing.text, /not installed/);
  });
});
