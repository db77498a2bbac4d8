// The family workload's child, run from the test process as a worker runs it: real processes.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, it } from 'node:test';
import { readStartTicks } from '../../src/platform/process-stat.js';
import { familyCommand, familyOutcome, runFamilyTask, type FamilyChildStart } from '../../src/pool/family-task.js';
import { findSetpriv } from '../../src/pool/parent-death-signal.js';

const started: ChildProcess[] = [];

afterEach(() => {
  // Only our own children, through their handles (never a bare PID); a reaped one is skipped.
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function stat(pid: number): { state: string; ppid: number; startTicks: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: f[0]!, ppid: Number(f[1]), startTicks: Number(f[19]) };
  } catch {
    return null;
  }
}

const cmdline = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return '';
  }
};

async function waitFor(what: string, predicate: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Starts a family task and returns what it announced, with the `go` it was given. */
function start(ms: number): { run: ReturnType<typeof runFamilyTask>; seen: FamilyChildStart; go: (ok: boolean) => void } {
  let seen: FamilyChildStart | undefined;
  let go: ((ok: boolean) => void) | undefined;
  const run = runFamilyTask(ms, (child, g) => {
    seen = child;
    go = g;
  });
  started.push(run.child);
  assert.ok(seen && go, 'the child is announced before runFamilyTask returns');
  return { run, seen, go };
}

describe('family task', () => {
  it('runs a plain `sleep <seconds>`', () => {
    assert.equal(familyCommand(8000).command, 'sleep 8');
    assert.equal(familyCommand(250).command, 'sleep 0.25');
    assert.equal(familyCommand(-3).command, 'sleep 0');
  });

  it('turns what wait returned into the task’s value or error', () => {
    assert.equal(familyOutcome(42, 0, null), 'child 42 exit 0');
    assert.throws(() => familyOutcome(42, null, 'SIGKILL'), /its child 42 was killed by SIGKILL/);
    assert.throws(() => familyOutcome(42, 1, null), /its child 42 exited with status 1/);
  });

  it('announces the child (PID, start ticks, command) while it runs, then waits for it', async () => {
    const t0 = performance.now();
    const { run, seen, go } = start(300);
    assert.equal(seen.command, 'sleep 0.3');
    const now = stat(seen.pid);
    assert.ok(now, 'the child is in /proc');
    assert.equal(now.ppid, process.pid, 'its parent is whoever ran the task');
    assert.equal(seen.startTicks, now.startTicks);
    assert.equal(readStartTicks(seen.pid), now.startTicks);
    go(true);
    await waitFor('the gate to exec sleep', () => cmdline(seen.pid) === 'sleep 0.3');
    assert.equal(stat(seen.pid)?.startTicks, seen.startTicks, 'exec keeps the PID and start time reported');
    assert.equal(await run.done, `child ${seen.pid} exit 0`);
    assert.ok(performance.now() - t0 >= 280, 'the task lasted as long as its child');
  });

  it('a child whose report was not sent ends at once instead of sleeping unknown to pooltop', async () => {
    const { run, seen, go } = start(5000);
    const t0 = performance.now();
    go(false);
    await assert.rejects(run.done, new RegExp(`its child ${seen.pid} exited with status 1`));
    assert.ok(performance.now() - t0 < 2000);
  });

  it('a child killed by a signal makes the task fail with that signal', async () => {
    const { run, go } = start(5000);
    go(true);
    run.child.kill('SIGTERM');
    await assert.rejects(run.done, /was killed by SIGTERM/);
  });

  it('with setpriv, starts the child through setpriv --pdeathsig KILL, which execs it in the same process', {
    skip: !findSetpriv() && 'no setpriv here',
  }, async () => {
    const setpriv = findSetpriv()!;
    const command = familyCommand(300, setpriv, 4321);
    assert.deepEqual([command.file, ...command.args.slice(0, 2)], [setpriv, '--pdeathsig', 'KILL']);
    assert.equal(command.diesWithParent, true);
    assert.equal(familyCommand(300).diesWithParent, false);
    let seen: FamilyChildStart | undefined;
    let go: ((ok: boolean) => void) | undefined;
    const run = runFamilyTask(
      300,
      (child, g) => {
        seen = child;
        go = g;
      },
      setpriv,
    );
    started.push(run.child);
    assert.ok(seen && go, 'the child announced, with its go');
    assert.equal(seen.diesWithWorker, true);
    go(true);
    await waitFor('setpriv and sh to exec sleep', () => cmdline(seen!.pid) === 'sleep 0.3');
    assert.equal(stat(seen.pid)?.startTicks, seen.startTicks, 'still the process that was reported');
    assert.equal(await run.done, `child ${seen.pid} exit 0`);
  });

  it('the gate ends a child whose parent is not the worker that reported it (it died before setpriv ran)', async () => {
    const { file, args, env } = familyCommand(5000, null, 1);
    const child = spawn(file, args, { stdio: ['pipe', 'ignore', 'ignore'], ...(env ? { env } : {}) });
    started.push(child);
    child.stdin?.end('go\n');
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    assert.equal(code, 1, 'its parent is not PID 1: it exits instead of sleeping');
  });
});
