// End to end, the monitor's background jobs: `&` runs a command line as pooltop's child, the job
// list shows its state, `wait` reports as bash's `time`, and quitting with a job running asks,
// then ends it — nothing left behind.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { plain } from './monitor-screen.js';
import { startPooltop } from './pooltop-session.js';
import { descendantsOf, readProc, signalProcess, waitUntilGone, type ProcRef } from './proc-table.js';
import type { TmuxSession } from './tmux-session.js';

let session: TmuxSession | undefined;
let seen: ProcRef[] = [];

afterEach(async () => {
  // The jobs lead sessions of their own: tmux's sweep of pooltop's tree may not reach them.
  for (const p of seen) signalProcess(p, 'SIGKILL');
  seen = [];
  await session?.kill();
  session = undefined;
});

/** `&`, the line, Enter; returns the job's PID from the "[n] PID" the message line says. */
async function runInBackground(s: TmuxSession, number: number, line: string): Promise<number> {
  await s.sendKeys('&');
  await s.waitFor(/run in the background:/, { description: 'the & prompt' });
  await s.type(line);
  await s.sendKeys('Enter');
  const screen = await s.waitFor(new RegExp(`\\[${number}\\]\\+? (?:\\d+|Done)`), { timeoutMs: 10_000, description: `job ${number} started` });
  const pid = /\[\d+\] (\d+) /.exec(plain(screen))?.[1];
  return pid === undefined ? 0 : Number(pid);
}

describe('background jobs (&, j, wait)', () => {
  it('starts jobs as its children, lists their states, waits with bash time figures, and asks before quitting with one running', async () => {
    session = await startPooltop();
    const pooltop = await session.programProcess();
    const sleeper = await runInBackground(session, 1, 'sleep 30');
    const ref = readProc(sleeper);
    assert.ok(ref, 'the job runs');
    seen.push(ref, ...descendantsOf(sleeper));
    assert.equal(ref.ppid, pooltop.pid, "the job is pooltop's child");

    await session.sendKeys('&');
    await session.waitFor(/run in the background:/);
    await session.type("sh -c 'exit 3'");
    await session.sendKeys('Enter');
    await session.waitFor(/\[2\]\+ Done \(exit 3\) {2}sh -c 'exit 3'/, { timeoutMs: 10_000, description: 'the second job ends as a shell says it' });

    await session.sendKeys('j');
    await session.waitFor(
      (screen) =>
        /Jobs pooltop started \(2\)/.test(screen) &&
        new RegExp(`^ +1 +${sleeper} +${sleeper} +Running +\\d+\\.\\d s +sleep 30`, 'm').test(screen) &&
        /^ +2 +\d+ +\d+ +Done \(exit 3\) +\d+\.\d s +sh -c 'exit 3'/m.test(screen),
      { description: 'the job list: Running, Done (exit 3)' },
    );
    await session.sendKeys('Escape');
    await session.waitFor((screen) => !/Jobs pooltop started/.test(screen), { description: 'the list closed' });

    // wait: the selected job (the newest when the list opens), with real/user/sys when it ends.
    await runInBackground(session, 3, 'sleep 1');
    await session.sendKeys('j');
    await session.waitFor(/Jobs pooltop started \(3\)/);
    await session.sendKeys('w');
    await session.waitFor(/waiting for 1 job…|\[3\] Done/, { description: 'waiting' });
    await session.waitFor(/\[3\] Done \(exit 0\) real 0m\d\.\d{3}s user 0m\d\.\d{3}s sys 0m\d\.\d{3}s {2}sleep 1/, {
      timeoutMs: 15_000,
      description: "the wait's report",
    });

    await session.sendKeys('q');
    await session.waitFor(/There is 1 running job \(j lists them\): q again ends them/, { description: 'the quit question' });
    assert.ok(readProc(sleeper), 'the first q ends nothing');
    await session.sendKeys('q');
    assert.equal(await session.waitForExit(10_000), 0);
    assert.deepEqual(
      (await waitUntilGone(seen, 5000)).map((p) => p.pid),
      [],
      'the running job ended with its group',
    );
  });

  it('on SIGTERM ends its jobs without asking, and says where the output it kept is', async () => {
    session = await startPooltop();
    const pooltop = await session.programProcess();
    const job = await runInBackground(session, 1, 'echo hello from the job; sleep 30');
    const ref = readProc(job);
    assert.ok(ref);
    seen.push(ref);
    await session.waitFor(() => descendantsOf(job).length > 0, { description: 'the sleep started' });
    seen.push(...descendantsOf(job));
    // pooltop itself, which this test started.
    assert.ok(signalProcess(pooltop, 'SIGTERM'));
    assert.equal(await session.waitForExit(10_000), 143);
    const screen = await session.waitFor(/the background jobs' output is kept in \S+/, { description: 'where the log is' });
    const dir = /output is kept in (\S+)/.exec(screen)![1]!;
    try {
      assert.match(dir, /pooltop-jobs-/);
      assert.equal(readFileSync(join(dir, '1.log'), 'utf8'), 'hello from the job\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.deepEqual(
      (await waitUntilGone(seen, 5000)).map((p) => p.pid),
      [],
      'the job and its sleep ended',
    );
  });
});
