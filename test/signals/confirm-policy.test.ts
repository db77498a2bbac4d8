import assert from 'node:assert/strict';
import { constants } from 'node:os';
import { describe, it } from 'node:test';
import { confirmationPrompt, needsConfirmation, subtreePrompt } from '../../src/signals/confirm-policy.js';

const pool = new Set([4250, 4251]);
const startedByPooltop = (pid: number): boolean => pool.has(pid);
const workers = [{ pid: 4250 }, { pid: 4251 }];
const mixed = [{ pid: 4250 }, { pid: 999 }];
const KILL = constants.signals.SIGKILL;

describe('needsConfirmation', () => {
  it('asks before a destructive signal reaches a process pooltop did not start', () => {
    for (const signal of ['SIGTERM', 'SIGKILL', 'SIGINT', 'SIGQUIT', 'SIGHUP', 'kill', KILL, String(KILL)]) {
      assert.equal(needsConfirmation(signal, mixed, startedByPooltop), true, String(signal));
      assert.equal(needsConfirmation(signal, [{ pid: 999 }], startedByPooltop), true, String(signal));
    }
  });

  it("does not ask when every target is pooltop's own worker", () => {
    assert.equal(needsConfirmation('SIGKILL', workers, startedByPooltop), false);
    assert.equal(needsConfirmation('SIGTERM', workers, startedByPooltop), false);
  });

  it('does not ask for pausing, resuming or harmless signals to one process that is not its own', () => {
    for (const signal of ['SIGSTOP', 'SIGCONT', 'SIGTSTP', 'SIGWINCH']) {
      assert.equal(needsConfirmation(signal, mixed, startedByPooltop), false, signal);
      assert.equal(needsConfirmation(signal, [{ pid: 999 }], startedByPooltop), false, signal);
      assert.equal(needsConfirmation(signal, workers, startedByPooltop), false, signal);
    }
  });

  it('asks for any signal to more than one process pooltop did not start (c on PID 1, then z)', () => {
    const others = [{ pid: 998 }, { pid: 999 }];
    for (const signal of ['SIGSTOP', 'SIGCONT', 'SIGTSTP', 'SIGWINCH', 'SIGTERM']) {
      assert.equal(needsConfirmation(signal, others, startedByPooltop), true, signal);
      assert.equal(needsConfirmation(signal, [...workers, ...others], startedByPooltop), true, signal);
    }
    const machine = Array.from({ length: 300 }, (_, i) => ({ pid: 2 + i }));
    assert.equal(needsConfirmation('SIGSTOP', machine, startedByPooltop), true);
  });

  it('does not ask for an unknown signal (it will be refused) nor for no targets', () => {
    assert.equal(needsConfirmation('SIGFOO', mixed, startedByPooltop), false);
    assert.equal(needsConfirmation('SIGKILL', [], startedByPooltop), false);
  });
});

describe('confirmationPrompt', () => {
  const tail = ' — y to send, any other key cancels';

  it('names the signal with its number and the one process', () => {
    assert.equal(confirmationPrompt('SIGTERM', [{ pid: 1234, command: 'sleep 30' }]), `Send SIGTERM (${constants.signals.SIGTERM}) to 1234 sleep 30?${tail}`);
  });

  it('counts several processes and names the first few', () => {
    const targets = [1, 2, 3, 4, 5].map((n) => ({ pid: 1000 + n, command: `worker ${n}` }));
    assert.equal(confirmationPrompt(KILL, targets), `Send SIGKILL (${KILL}) to 5 processes: 1001 worker 1, 1002 worker 2, 1003 worker 3 and 2 more?${tail}`);
    assert.equal(confirmationPrompt('KILL', targets.slice(0, 2)), `Send SIGKILL (${KILL}) to 2 processes: 1001 worker 1, 1002 worker 2?${tail}`);
  });

  it('holds no control byte even when a command is hostile', () => {
    const hostile = 'sleep \u001b]0;owned\u0007\u001b]52;c;cm0gLXJmIH4=\u0007\u001b[2J\u001b[H\r\n\u009b31m\u202eevil\u2066 \u0000x';
    const prompt = confirmationPrompt('SIGKILL', [
      { pid: 1234, command: hostile },
      { pid: 1235, command: hostile },
    ]);
    assert.ok(!prompt.includes('\u001b'), 'no ESC');
    assert.ok(!/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(prompt), JSON.stringify(prompt));
    assert.ok(prompt.startsWith(`Send SIGKILL (${KILL}) to 2 processes: 1234 sleep ^[]0;owned^G`));
    assert.ok(prompt.endsWith(tail));
  });

  it('counts a subtree with its root', () => {
    assert.equal(
      subtreePrompt('SIGKILL', { pid: 1234, command: 'bash' }, 3),
      `Send SIGKILL (${KILL}) to 1234 bash and all its descendants (3 processes now)?${tail}`,
    );
    assert.match(subtreePrompt('SIGKILL', { pid: 1234, command: 'sleep 9' }, 1), /\(1 process now\)\?/);
  });

  it('counts the processes when pausing many', () => {
    const targets = [1, 2, 3].map((n) => ({ pid: 1000 + n, command: `sleep ${n}` }));
    assert.equal(
      confirmationPrompt('SIGSTOP', targets),
      `Send SIGSTOP (${constants.signals.SIGSTOP}) to 3 processes: 1001 sleep 1, 1002 sleep 2, 1003 sleep 3?${tail}`,
    );
  });

  it('cuts long commands so the prompt stays one short line', () => {
    const prompt = confirmationPrompt(
      'SIGTERM',
      [1, 2, 3].map((n) => ({ pid: n + 1000, command: `/usr/bin/${'x'.repeat(500)} ${n}` })),
    );
    assert.ok(prompt.length < 170, `${prompt.length} characters`);
    assert.ok(prompt.includes('…'));
  });
});
