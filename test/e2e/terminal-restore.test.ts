// End to end, automatic wrap (DECAWM) is off while pooltop draws, so a line wider than it measured
// is clipped rather than wrapped, and mouse reporting is on; both are back as they were after every
// way out: quit keys, SIGTERM, SIGHUP and SIGQUIT sent to it, an uncaught exception and a
// process.exit() from inside.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { startPooltop, REPO_ROOT } from './pooltop-session.js';
import { isRunning, signalProcess } from './proc-table.js';
import type { TmuxSession } from './tmux-session.js';

const FAULT = join(REPO_ROOT, 'test', 'e2e', 'fixtures', 'fault-on-signal.mjs');

let session: TmuxSession | undefined;
afterEach(async () => {
  await session?.kill();
  session = undefined;
});

/** pooltop on its main screen with wrap off; `fault` loads fault-on-signal.mjs into it. */
async function started(fault?: 'throw' | 'exit'): Promise<TmuxSession> {
  const env = fault ? { NODE_OPTIONS: `--import=${FAULT}`, POOLTOP_E2E_FAULT: fault } : {};
  session = await startPooltop([], { env });
  assert.equal(await session.format('#{wrap_flag}'), '0', 'automatic wrap is off while pooltop draws');
  assert.equal(await session.format('#{mouse_any_flag}#{mouse_sgr_flag}'), '11', 'SGR mouse reports are on while pooltop draws');
  return session;
}

/** pooltop ended with `status` and the terminal wraps lines again, off the alternate screen, cursor shown. */
async function expectWrapBack(s: TmuxSession, status: number): Promise<void> {
  assert.equal(await s.waitForExit(), status);
  await s.waitFor(`EXIT=${status}`, { description: `the shell printing EXIT=${status}` });
  assert.equal(await s.format('#{wrap_flag}'), '1', 'automatic wrap is on again');
  assert.equal(await s.alternateScreen(), false, 'the alternate screen was left');
  assert.equal(await s.cursorVisible(), true, 'the cursor is visible again');
  assert.equal(await s.format('#{mouse_any_flag}#{mouse_sgr_flag}'), '00', 'mouse reporting is off again: the shell gets no clicks as text');
}

describe('line wrap while pooltop draws, and after', { timeout: 60_000 }, () => {
  for (const [name, key] of [
    ['q', 'q'],
    ['Ctrl-C', 'C-c'],
  ] as const) {
    it(`is back on after ${name}`, async () => {
      const s = await started();
      await s.sendKeys(key);
      await expectWrapBack(s, 0);
    });
  }

  for (const [signal, status] of [
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGQUIT', 131],
  ] as const) {
    it(`is back on after ${signal} (status ${status})`, async () => {
      const s = await started();
      const program = await s.programProcess();
      assert.ok(signalProcess(program, signal), `${signal} sent to pooltop (PID ${program.pid})`);
      await expectWrapBack(s, status);
      assert.equal(isRunning(program), false);
    });
  }

  it('is back on after an uncaught exception (status 1)', async () => {
    const s = await started('throw');
    assert.ok(signalProcess(await s.programProcess(), 'SIGUSR2'), 'the fault set off');
    await expectWrapBack(s, 1);
    assert.match(await s.capture(), /pooltop: internal error: Error: e2e fault/, 'the error is reported');
  });

  it("is back on after a process.exit() from inside (the 'exit' handler)", async () => {
    const s = await started('exit');
    assert.ok(signalProcess(await s.programProcess(), 'SIGUSR2'), 'the fault set off');
    await expectWrapBack(s, 7);
  });
});
