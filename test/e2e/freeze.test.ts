// End to end, freezing the screen (`Z`): sampling goes on while nothing on screen changes, and
// unfreezing shows the newest sample.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { afterEach, describe, it } from 'node:test';
import { startPooltop } from './pooltop-session.js';
import { readProc, signalProcess, type ProcRef } from './proc-table.js';
import type { TmuxSession } from './tmux-session.js';

/** An argument no other process has (it holds this test's PID), for the filter to find. */
const MARKER = String(910_000_000 + process.pid);

let session: TmuxSession | undefined;
let late: ProcRef | null = null;

afterEach(async () => {
  await session?.kill();
  session = undefined;
  // Only the process this test spawned, by its PID (and only while it is still that process).
  if (late) signalProcess(late, 'SIGKILL');
  late = null;
});

describe('freezing the screen', { timeout: 60_000 }, () => {
  it('shows no process started while frozen, then the newest sample once Z is pressed again', async () => {
    // Five refreshes a second.
    session = await startPooltop(['-d', '2']);
    await session.type(`\\${MARKER}`);
    await session.sendKeys('Enter');
    await session.waitFor(`[filter "${MARKER}"]`, { description: 'the filter kept' });
    await session.sendKeys('Z');
    await session.waitFor('[FROZEN]', { description: 'the [FROZEN] mark' });
    const child = spawn('sleep', [MARKER], { stdio: 'ignore' });
    late = child.pid ? readProc(child.pid) : null;
    assert.ok(late, 'the sleep process started');
    // Ten refreshes' time: the screen must not change, whatever the samples taken meanwhile show.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const frozen = await session.capture();
    assert.ok(!frozen.includes(`sleep ${MARKER}`) && frozen.includes('[FROZEN]'), `still frozen, without the new process:\n${frozen}`);
    await session.sendKeys('Z');
    await session.waitFor((screen) => screen.includes(`sleep ${MARKER}`) && !screen.includes('[FROZEN]'), {
      description: 'the new process on screen, unfrozen',
    });
  });
});
