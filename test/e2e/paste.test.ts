// End to end, pastes: tmux's paste-buffer -p wraps the text in bracketed-paste markers when (and
// only when) the program turned the mode on, as a desktop terminal does; send-keys -l with the
// whole string is a paste from a terminal without the mode (one write, one read).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, it } from 'node:test';
import { plain, selectedRows } from './monitor-screen.js';
import { startPooltop } from './pooltop-session.js';
import { readProc, signalProcess, type ProcRef } from './proc-table.js';
import type { TmuxSession } from './tmux-session.js';

const MARKER = String(930_000_000 + process.pid);
let sleeper: { child: ChildProcess; ref: ProcRef } | undefined;
let session: TmuxSession | undefined;

afterEach(async () => {
  await session?.kill();
  session = undefined;
  if (sleeper) signalProcess(sleeper.ref, 'SIGKILL');
  sleeper = undefined;
});

/** A `sleep` of this test's, asleep, and a promise of the signal that ends it. */
async function startSleeper(): Promise<{ ref: ProcRef; ended: Promise<NodeJS.Signals | null> }> {
  const child = spawn('sleep', [MARKER], { stdio: 'ignore' });
  const ended = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  for (let i = 0; i < 100 && readProc(child.pid!)?.state !== 'S'; i++) await delay(20);
  const ref = readProc(child.pid!);
  assert.ok(ref && ref.state === 'S', 'sleep is asleep');
  sleeper = { child, ref };
  return { ref, ended };
}

/** pooltop showing only the sleep, selected. */
async function monitorOf(ref: ProcRef): Promise<TmuxSession> {
  const s = await startPooltop(['-p', String(ref.pid)]);
  await s.waitFor((screen) => selectedRows(screen)[0]?.pid === ref.pid, { colors: true, description: 'the sleep selected' });
  return s;
}

async function pasteBracketed(s: TmuxSession, text: string): Promise<void> {
  await s.tmux('set-buffer', '-b', 'e2e', '--', text);
  await s.tmux('paste-buffer', '-p', '-d', '-b', 'e2e', '-t', s.pane);
}

/** Still asleep a while after the keys: no signal reached it. */
async function stillAsleep(ref: ProcRef): Promise<void> {
  await delay(500);
  assert.equal(readProc(ref.pid)?.state, 'S', 'the sleep was sent nothing');
}

describe('pastes in a 120×40 terminal', () => {
  it('a bracketed paste of k⏎y (tmux paste-buffer -p) sends nothing and says it was ignored', async () => {
    const { ref } = await startSleeper();
    session = await monitorOf(ref);
    await pasteBracketed(session, 'k\ry');
    await session.waitFor(/paste ignored: "k\^My" \(3 characters\)/, { description: 'the paste ignored' });
    assert.doesNotMatch(plain(await session.capture()), /Send signal|Send SIG/);
    await stillAsleep(ref);
    await pasteBracketed(session, `kill -9 ${ref.pid}\ryes\r`);
    await session.waitFor(/paste ignored: "kill -9 \d+\^My.*" \(\d+ characters\)/, { description: 'the shell line ignored' });
    await stillAsleep(ref);
  });

  it('a paste into the search prompt searches for it, and its Enter does not end the prompt', async () => {
    const { ref } = await startSleeper();
    session = await startPooltop(['-s', 'pid']);
    await session.sendKeys('/');
    await session.waitFor(/Search: /, { description: 'the search prompt' });
    // A copied line ends with a newline (paste-buffer sends it as CR, as terminals do).
    await pasteBracketed(session, `sleep ${MARKER}\n`);
    await session.waitFor((screen) => selectedRows(screen)[0]?.pid === ref.pid, { colors: true, description: 'the sleep found' });
    assert.match(plain(await session.capture()), new RegExp(`Search: sleep ${MARKER} *Enter keep`));
  });

  it('without brackets, k⏎y in one write (send-keys -l) opens the menu and answers nothing', async () => {
    const { ref } = await startSleeper();
    session = await monitorOf(ref);
    await session.type('k\ry');
    await session.waitFor(/ignored 2 keys that came in with the one that opened this/, { description: 'the keys after k dropped' });
    assert.match(plain(await session.capture()), new RegExp(`Send signal to PID ${ref.pid}`));
    await stillAsleep(ref);
    // Enter on its own opens the question; "y" and more in the same write as another Enter do not answer it.
    await session.sendKeys('Enter');
    await session.waitFor(/Send SIGTERM \(15\) to \d+ sleep \d+\? — y to send/, { description: 'the question' });
    await session.sendKeys('Escape');
    await session.waitFor(/cancelled: no signal sent/, { description: 'the question cancelled' });
    await session.type('k');
    await session.waitFor(new RegExp(`Send signal to PID ${ref.pid}`), { description: 'the menu' });
    await session.type('\ryy');
    await session.waitFor(/Send SIGTERM \(15\) to \d+ sleep \d+\? — y to send/, { description: 'the question, still open' });
    await stillAsleep(ref);
  });

  for (const way of ['q', 'SIGTERM'] as const) {
    it(`turns bracketed paste off again when it ends (${way})`, async () => {
      session = await startPooltop();
      if (way === 'q') await session.sendKeys('q');
      else signalProcess(await session.programProcess(), 'SIGTERM');
      await session.waitFor(/EXIT=\d+/, { description: 'pooltop gone' });
      // The shell after it reads a line with the terminal echoing: markers would show as ^[[200~.
      await pasteBracketed(session, 'AFTER');
      const screen = await session.waitFor(/AFTER/, { description: 'the paste echoed' });
      assert.doesNotMatch(screen, /200~|201~/);
    });
  }
});
