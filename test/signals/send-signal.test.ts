import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { ProcfsSampler } from '../../src/sampling/procfs-sampler.js';
import type { ProcessInfo } from '../../src/sampling/types.js';
import type { IdentityRead } from '../../src/platform/process-identity.js';
import { classifyKillError, precheck, sendSignal, sendSignals } from '../../src/signals/send-signal.js';
import type { SignalTarget } from '../../src/signals/signal-outcome.js';
import { summarize } from '../../src/signals/summarize-outcomes.js';
import { firstLine, OwnChildren, procState, waitUntil } from './own-children.js';

const linux = process.platform === 'linux';
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { SIGCONT, SIGKILL, SIGSTOP } = constants.signals;

/** The row the procfs sampler shows for `pid`: what the UI would pass. */
function rowOf(pid: number): ProcessInfo {
  const row = new ProcfsSampler().readProcesses().processes.find((p) => p.pid === pid);
  assert.ok(row, `PID ${pid} is listed`);
  return row;
}

describe('classifyKillError', () => {
  it('maps EPERM and ESRCH to expected outcomes and anything else to failed', () => {
    const error = (code: unknown): unknown => Object.assign(new Error('kill'), { code });
    assert.deepEqual(classifyKillError(error('EPERM')), { status: 'not-permitted', errno: 'EPERM' });
    assert.deepEqual(classifyKillError(error('ESRCH')), { status: 'gone', errno: 'ESRCH' });
    assert.deepEqual(classifyKillError(error('EINVAL')), { status: 'failed', errno: 'EINVAL' });
    assert.deepEqual(classifyKillError(error('ERR_INVALID_ARG_TYPE')), { status: 'failed', errno: 'unknown error' });
    assert.deepEqual(classifyKillError(error('EPERM\u001b[2J')), { status: 'failed', errno: 'unknown error' });
    for (const odd of [null, undefined, 'EPERM', 42, {}]) {
      assert.deepEqual(classifyKillError(odd), { status: 'failed', errno: 'unknown error' });
    }
  });
});

describe('sendSignal refusals (nothing is sent)', () => {
  const children = new OwnChildren();
  after(() => children.cleanup());
  // A live process of our own, so that even a bug in a refusal could only reach our child, and
  // SIGCONT, which does nothing to a running process.
  const child = children.spawn('sleep', ['30']);
  const target: SignalTarget = { pid: child.pid, startTime: 1_795_557_017_860, command: 'sleep 30' };
  const never = (): IdentityRead => assert.fail('identity must not be read');

  it('refuses PIDs that are not valid targets, as values', () => {
    const cases: [unknown, string, string][] = [
      [0, 'invalid', 'refused: 0 is not a PID (0 and below name process groups)'],
      [-1, 'invalid', 'refused: -1 is not a PID (0 and below name process groups)'],
      [1, 'protected', 'refused: 1 is init'],
      [process.pid, 'protected', `refused: ${process.pid} is pooltop itself`],
      ['1; rm -rf /', 'invalid', 'refused: not a PID: "1; rm -rf /"'],
      [1.5, 'invalid', 'refused: not a PID: 1.5'],
    ];
    for (const [pid, status, text] of cases) {
      const outcome = sendSignal({ pid: pid as number, startTime: 0, command: 'x' }, 'SIGCONT', { readIdentity: never });
      assert.equal(outcome.status, status, String(pid));
      assert.equal(outcome.text, text);
      assert.equal(outcome.signal, 'SIGCONT');
    }
    const notObject = sendSignal(null as unknown as SignalTarget, 'SIGCONT', { readIdentity: never });
    assert.equal(notObject.status, 'invalid');
    assert.equal(notObject.pid, null);
  });

  it("refuses to stop or end pooltop's parent, and would resume it (checked, not sent)", () => {
    const parent = { pid: process.ppid, startTime: 0, command: 'x' };
    for (const signal of ['SIGSTOP', 'SIGTSTP', 'SIGTERM', 'SIGKILL', 'SIGHUP']) {
      const checked = precheck(parent, signal, { readIdentity: never });
      assert.equal(checked.ok, false, signal);
      if (!checked.ok) assert.equal(checked.outcome.text, `refused: ${process.ppid} is pooltop's parent`);
    }
    assert.equal(precheck(parent, 'SIGCONT', { readIdentity: never }).ok, true);
  });

  it('refuses a signal that is not in the table', () => {
    for (const signal of [0, 'SIGFOO', '-9', 'KILL; reboot']) {
      const outcome = sendSignal(target, signal, { readIdentity: never });
      assert.equal(outcome.status, 'invalid', String(signal));
      assert.equal(outcome.signal, '?');
      assert.match(outcome.text, /^refused: not a signal pooltop sends: /);
    }
  });

  it('refuses when the PID now names a process that started at another time', () => {
    const other = (): IdentityRead => ({ comm: 'bash', state: 'S', startTime: 1, startTimeNow: 1 });
    const outcome = sendSignal(target, 'SIGCONT', { readIdentity: other });
    assert.deepEqual(outcome, {
      pid: child.pid,
      signal: 'SIGCONT',
      status: 'reused',
      text: `refused: PID ${child.pid} now names a different process (bash)`,
      identityCheck: 'exact',
    });
  });

  it('reports gone, or not permitted, when /proc has no readable entry', () => {
    const gone = sendSignal(target, 'SIGCONT', { readIdentity: () => 'gone' });
    assert.equal(gone.status, 'gone');
    assert.equal(gone.text, `already gone: ${child.pid} sleep 30`);
    const denied = sendSignal(target, 'SIGCONT', { readIdentity: () => 'denied' });
    assert.equal(denied.status, 'not-permitted');
    assert.match(denied.text, /cannot read \/proc\/\d+ to confirm/);
  });
});

describe('sendSignal to real processes', { skip: !linux && 'needs /proc' }, () => {
  const children = new OwnChildren();
  after(() => children.cleanup());

  it('pauses with SIGSTOP (state T), resumes with SIGCONT (state S), ends with SIGTERM', async () => {
    const child = children.spawn('sleep', ['30']);
    assert.ok(await waitUntil(() => procState(child.pid)?.state === 'S'));
    const row = rowOf(child.pid);

    const stopped = sendSignal(row, 'SIGSTOP');
    assert.deepEqual(stopped, {
      pid: child.pid,
      signal: 'SIGSTOP',
      status: 'sent',
      text: `sent SIGSTOP (${SIGSTOP}) to ${child.pid} sleep 30`,
      // The row's start time is /proc's own, so it matches exactly, even when it happens to be a whole second.
      identityCheck: 'exact',
    });
    assert.ok(await waitUntil(() => procState(child.pid)?.state === 'T'), 'state T after SIGSTOP');

    assert.equal(sendSignal({ ...row, exactStartTime: true }, SIGCONT).text, `sent SIGCONT (${SIGCONT}) to ${child.pid} sleep 30`);
    assert.ok(await waitUntil(() => procState(child.pid)?.state === 'S'), 'state S after SIGCONT');

    const term = sendSignal({ ...row, exactStartTime: true }, 'term');
    assert.equal(term.status, 'sent');
    assert.equal(term.identityCheck, 'exact');
    assert.deepEqual(await children.exited(child), { code: null, signal: 'SIGTERM' });

    // Reaped now: the same row gets "gone", and nothing is sent.
    const again = sendSignal(row, 'SIGTERM');
    assert.equal(again.status, 'gone');
    assert.equal(again.text, `already gone: ${child.pid} sleep 30`);
  });

  it('ends a process with SIGKILL', async () => {
    const child = children.spawn('sleep', ['30']);
    const outcome = sendSignal({ ...rowOf(child.pid), exactStartTime: true }, String(SIGKILL));
    assert.equal(outcome.text, `sent SIGKILL (${SIGKILL}) to ${child.pid} sleep 30`);
    assert.deepEqual(await children.exited(child), { code: null, signal: 'SIGKILL' });
  });

  it('a process that catches SIGTERM survives it and is ended by SIGKILL', async () => {
    const script = "process.on('SIGTERM', () => console.log('caught')); console.log('ready'); setInterval(() => {}, 1000);";
    const child = children.spawn(process.execPath, ['-e', script]);
    assert.equal(await firstLine(child), 'ready');
    const target = { ...rowOf(child.pid), exactStartTime: true };
    const caught = new Promise<string>((resolve) => child.stdout?.on('data', (b: Buffer) => resolve(b.toString().trim())));
    assert.equal(sendSignal(target, 'SIGTERM').status, 'sent');
    assert.equal(await caught, 'caught');
    assert.equal(child.exitCode, null);
    assert.match(procState(child.pid)?.state ?? 'gone', /^[RS]$/);
    assert.equal(sendSignal(target, 'SIGKILL').status, 'sent');
    assert.deepEqual(await children.exited(child), { code: null, signal: 'SIGKILL' });
  });

  it('a process that ignores SIGTERM (trap "" TERM) survives it and is ended by SIGKILL', async () => {
    const child = children.spawn('bash', ['-c', 'trap "" TERM; echo ready; read -r _']);
    assert.equal(await firstLine(child), 'ready');
    const target = { ...rowOf(child.pid), exactStartTime: true };
    assert.equal(sendSignal(target, 'SIGTERM').status, 'sent');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(child.exitCode, null);
    assert.equal(child.signalCode, null);
    assert.equal(sendSignal(target, 'SIGKILL').status, 'sent');
    assert.deepEqual(await children.exited(child), { code: null, signal: 'SIGKILL' });
  });

  it('refuses a live process when the start time given is not its own', async () => {
    const child = children.spawn('sleep', ['30']);
    assert.ok(await waitUntil(() => procState(child.pid)?.state === 'S'));
    const row = rowOf(child.pid);
    for (const startTime of [row.startTime + 10, row.startTime - 60_000]) {
      const outcome = sendSignal({ ...row, startTime, exactStartTime: true }, 'SIGKILL');
      assert.equal(outcome.status, 'reused');
      assert.equal(outcome.text, `refused: PID ${child.pid} now names a different process (sleep)`);
    }
    assert.equal(procState(child.pid)?.state, 'S', 'still alive: nothing was sent');
  });

  it('sends to several and summarizes, with sanitized commands in every line', async () => {
    const a = children.spawn('sleep', ['30']);
    const b = children.spawn('sleep', ['30']);
    const gone = children.spawn('true', []);
    await children.exited(gone);
    const hostile = 'sleep \u001b]0;pwned\u0007\u001b[2J';
    const targets = [
      { ...rowOf(a.pid), command: hostile },
      { ...rowOf(b.pid), command: hostile },
      { pid: gone.pid, startTime: 0, command: 'true' },
    ];
    const outcomes = sendSignals(targets, 'SIGSTOP');
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['sent', 'sent', 'gone'],
    );
    assert.equal(outcomes[0]?.text, `sent SIGSTOP (${SIGSTOP}) to ${a.pid} sleep ^[]0;pwned^G^[[2J`);
    // No start time to check, so kill(2) itself said ESRCH.
    assert.equal(outcomes[2]?.text, `already gone (ESRCH): ${gone.pid} true`);
    assert.equal(outcomes[2]?.identityCheck, 'unchecked');
    assert.equal(summarize(outcomes), `SIGSTOP: sent to 2, 1 gone (ESRCH: ${gone.pid})`);
    for (const outcome of outcomes) assert.ok(!outcome.text.includes('\u001b'));
    assert.ok(await waitUntil(() => procState(a.pid)?.state === 'T' && procState(b.pid)?.state === 'T'));
  });

  it('says so when the process is a zombie (the identity reader says Z; SIGCONT to our own sleep)', async () => {
    const child = children.spawn('sleep', ['30']);
    const row = rowOf(child.pid);
    const zombie = (): IdentityRead => ({ comm: 'sleep', state: 'Z', startTime: row.startTime, startTimeNow: row.startTime });
    const outcome = sendSignal({ ...row, exactStartTime: true }, 'SIGCONT', { readIdentity: zombie });
    assert.equal(outcome.status, 'sent');
    assert.match(outcome.text, /\(a zombie: it has exited; its parent has yet to reap it\)$/);
  });

  it('reports EPERM when an unprivileged user signals our process', async (t) => {
    if (process.getuid?.() !== 0) return t.skip('needs root, to run the sender as nobody');
    const victim = children.spawn('sleep', ['30']);
    assert.ok(await waitUntil(() => procState(victim.pid)?.state === 'S'));
    const row = rowOf(victim.pid);
    const fixture = join(repoRoot, 'test', 'signals', 'fixtures', 'send-as-other-user.ts');
    const run = spawnSync(process.execPath, ['--import', 'tsx', fixture, String(victim.pid), String(row.startTime), 'SIGKILL'], {
      cwd: repoRoot,
      uid: 65534,
      gid: 65534,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/tmp' },
      encoding: 'utf8',
      timeout: 15_000,
    });
    // stdout and stderr are null when node could not even start (EACCES on a folder on its path).
    const line = (run.stdout ?? '').trim().split('\n').pop() ?? '';
    if (!line.startsWith('{')) return t.skip(`the sender could not run as nobody: ${run.error?.message ?? (run.stderr ?? '').trim().split('\n')[0]}`);
    const result = JSON.parse(line) as { uid: number; outcome?: { status: string; text: string; errno?: string }; threw?: string };
    assert.equal(result.uid, 65534);
    assert.equal(result.threw, undefined, 'sendSignal must not throw on EPERM');
    assert.equal(result.outcome?.status, 'not-permitted');
    assert.equal(result.outcome?.errno, 'EPERM');
    assert.equal(result.outcome?.text, `not permitted (EPERM): SIGKILL (${SIGKILL}) to ${victim.pid} sleep 30`);
    assert.equal(procState(victim.pid)?.state, 'S', 'the victim is untouched');
  });
});
