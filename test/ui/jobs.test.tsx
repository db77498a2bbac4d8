// The `&` prompt, the `j` job list, `wait` and the quit question, through Ink's own input handling;
// one test starts a real `sleep` through the feature and kills it by PID afterwards.
import './force-color.js';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createBackgroundJobs, type BackgroundJobs } from '../../src/cli/background-jobs.js';
import { createAppStore, type AppStore } from '../../src/store/app-store.js';
import type { Job } from '../../src/store/jobs-slice.js';
import { App } from '../../src/ui/app.js';
import { REPLAY_REFUSES } from '../../src/ui/dispatch-key.js';
import type { ReplayControl } from '../../src/ui/replay-keys.js';
import { PASTE_END, PASTE_START } from '../../src/ui/input-decoder.js';
import type { ActionContext } from '../../src/ui/action-context.js';
import { info, sample } from '../model/fixtures.js';
import { plain, renderWithStore } from './render-with-store.js';
import { FakeJobs, testContext } from './test-context.js';
import { waitForFrame, type FrameCondition } from './wait-for-frame.js';

async function setup(options: { readonly?: boolean; ctx?: Partial<ActionContext> } = {}) {
  const store = createAppStore({ sortKey: 'pid', readonly: options.readonly ?? false });
  store
    .getState()
    .applySample(sample([info(1, { command: '/sbin/init' }), info(700, { command: 'sleep 30', state: 'T' }), info(800, { command: 'vim notes' })]));
  const jobs = new FakeJobs();
  const ctx = testContext(store, { jobs, ...options.ctx });
  const rendered = renderWithStore(<App ctx={ctx} />, store);
  const frame = (condition: FrameCondition, what?: string) => waitForFrame(rendered.lastFrame, condition, what);
  await frame(/vim notes/, 'the first frame');
  return { ...rendered, ctx, jobs, frame };
}

const paste = (text: string): string => `${PASTE_START}${text}${PASTE_END}`;

function job(number: number, pid: number, command: string, end: Job['end'] = null): Job {
  return { number, pid, startTime: 0, command, startedAt: Date.now() - 4000, log: null, end };
}

function addJobs(store: AppStore): void {
  const state = store.getState();
  state.addJob(job(1, 700, 'sleep 30'));
  state.addJob(job(2, 701, "sh -c 'exit 3'", { code: 3, signal: null, realMs: 60, userMs: 0, systemMs: 0 }));
  state.addJob(job(3, 702, 'yes > /dev/null', { code: null, signal: 'SIGKILL', realMs: 2500, userMs: 2000, systemMs: 400 }));
  state.addJob(job(4, 703, 'sleep 60'));
}

describe('the & prompt', () => {
  it('asks "run in the background:", takes typing, and Enter starts the line; Esc starts nothing', async () => {
    const { stdin, store, jobs, frame, unmount } = await setup();
    stdin.write('&');
    await frame(/run in the background: .*Enter runs it \(\/bin\/sh -c\) · Esc cancel/);
    stdin.write('sleep 30');
    await frame(/run in the background: sleep 30/);
    stdin.write('\r');
    await frame(() => store.getState().mode === 'main');
    assert.deepEqual(jobs.calls, ['start sleep 30']);
    stdin.write('&');
    await frame(/run in the background:/);
    stdin.write('true');
    stdin.write('\x1b');
    await frame(() => store.getState().mode === 'main', 'Esc closes it');
    assert.deepEqual(jobs.calls, ['start sleep 30']);
    unmount();
  });

  it('takes a bracketed paste, and refuses one with a newline or an escape whole (no second command)', async () => {
    const { stdin, store, jobs, frame, unmount } = await setup();
    stdin.write('&');
    await frame(/run in the background:/);
    stdin.write(paste("sh -c 'exit 3'"));
    await frame(/run in the background: sh -c 'exit 3'/);
    stdin.write(paste('\nrm -rf ~/x'));
    await frame(/paste refused: it holds control characters/);
    store.setState({ message: null });
    stdin.write('\u009b');
    await frame(/control characters are refused in a command line/, 'a C1 control typed alone');
    store.setState({ message: null });
    stdin.write(paste('\x1b[2J'));
    await frame(/paste refused: it holds control characters/, 'an escape sequence too');
    assert.equal(store.getState().jobLine, "sh -c 'exit 3'");
    stdin.write('\r');
    await frame(() => store.getState().mode === 'main');
    assert.deepEqual(jobs.calls, ["start sh -c 'exit 3'"]);
    unmount();
  });

  it('is refused in read-only mode and in a replay', async () => {
    const readonly = await setup({ readonly: true });
    readonly.stdin.write('&');
    await readonly.frame(/read-only: starting a background job is disabled/);
    assert.equal(readonly.store.getState().mode, 'main');
    readonly.unmount();
    const replay = await setup({ ctx: { replay: {} as ReplayControl } });
    replay.stdin.write('&');
    await replay.frame(() => replay.store.getState().message?.text === REPLAY_REFUSES);
    assert.equal(replay.store.getState().mode, 'main');
    replay.unmount();
  });
});

describe('the job list (j)', () => {
  it('lists each job with its number, PID, PGID, state and elapsed time; the sample says Stopped', async () => {
    const { stdin, store, frame, unmount } = await setup();
    addJobs(store);
    stdin.write('j');
    const text = plain(await frame(/Jobs pooltop started \(4\)/));
    assert.match(text, /# +PID +PGID +STATE +ELAPSED +COMMAND/);
    assert.match(text, /^ +1 +700 +700 +Stopped +4\.\d s +sleep 30/m, 'PID 700 is in state T in the sample');
    assert.match(text, /^ +2 +701 +701 +Done \(exit 3\) +0\.1 s +sh -c 'exit 3'/m);
    assert.match(text, /^ +3 +702 +702 +Killed \(SIGKILL\) +2\.5 s +yes > \/dev\/null/m);
    assert.match(text, /^ +4 +703 +703 +Running +4\.\d s +sleep 60/m, 'not in the sample yet: running');
    stdin.write('j');
    await frame(() => store.getState().mode === 'main');
    unmount();
  });

  it('Enter shows the selected job and its descendants in the table; w waits for it, W for all', async () => {
    const { stdin, store, jobs, frame, unmount } = await setup();
    addJobs(store);
    stdin.write('j');
    await frame(/Jobs pooltop started/);
    stdin.write('\x1b[H');
    await frame(() => store.getState().menuIndex === 0, 'Home: the first job');
    stdin.write('\r');
    await frame(() => store.getState().view.subtree?.pid === 700, "the job's subtree");
    assert.equal(store.getState().cursor.pid, 700);
    store.getState().toggleSubtree();
    stdin.write('j');
    await frame(/Jobs pooltop started/);
    stdin.write('\x1b[H');
    await frame(() => store.getState().menuIndex === 0);
    stdin.write('o');
    await frame(() => store.getState().view.subtree?.pid === 700, 'o does the same');
    stdin.write('j');
    await frame(/Jobs pooltop started/);
    stdin.write('w');
    await frame(() => store.getState().mode === 'main');
    stdin.write('j');
    await frame(/Jobs pooltop started/);
    stdin.write('W');
    await frame(() => store.getState().mode === 'main');
    assert.deepEqual(jobs.calls, ['wait 4', 'wait all']);
    unmount();
  });

  it('shows a wait on the message line until Esc stops it', async () => {
    const { stdin, store, frame, unmount } = await setup();
    addJobs(store);
    store.getState().setWaiting([1, 4]);
    await frame(/\[waiting for 2 jobs… Esc\]/);
    stdin.write('\x1b');
    await frame(/stopped waiting: 2 jobs run on \(j lists them\)/);
    assert.equal(store.getState().waitingFor, null);
    unmount();
  });
});

describe('quitting with jobs running', () => {
  it('asks first, as a shell does; q right after quits, another key in between asks again', async () => {
    const { stdin, store, ctx, frame, unmount } = await setup();
    store.getState().addJob(job(1, 700, 'sleep 30'));
    stdin.write('q');
    await frame(/There is 1 running job \(j lists them\): q again ends them/);
    assert.equal(ctx.quits, 0);
    stdin.write('t');
    await frame(() => !store.getState().quitAsked, 'another key forgets the question');
    stdin.write('q');
    await frame(() => store.getState().quitAsked);
    assert.equal(ctx.quits, 0);
    stdin.write('q');
    await frame(() => ctx.quits === 1, 'the second q quits');
    unmount();
  });

  it('quits at once with no job running', async () => {
    const { stdin, ctx, frame, unmount } = await setup();
    stdin.write('q');
    await frame(() => ctx.quits === 1);
    unmount();
  });
});

describe('a real job', { skip: process.platform !== 'linux' && 'needs /proc' }, () => {
  let real: BackgroundJobs | null = null;
  const root = mkdtempSync(join(tmpdir(), 'pooltop-jobs-ui-'));
  after(() => {
    // The sleep this test started through the feature: its own group only.
    real?.killNow();
    rmSync(root, { recursive: true, force: true });
  });

  it('& sleep 30 Enter says "[1] PID", the job list shows it Running, and k sends to its whole group', async () => {
    const store = createAppStore({ sortKey: 'pid' });
    store.getState().applySample(sample([info(1, { command: '/sbin/init' })]));
    real = createBackgroundJobs(store, { reaped: () => 0 }, () => {}, root);
    const ctx = testContext(store, { jobs: real });
    const { stdin, lastFrame, unmount } = renderWithStore(<App ctx={ctx} />, store);
    const frame = (condition: FrameCondition, what?: string) => waitForFrame(lastFrame, condition, what);
    await frame(/sbin\/init/);
    stdin.write('&');
    await frame(/run in the background:/);
    stdin.write('sleep 30\r');
    const said = plain(await frame(/\[1\] \d+ {3}\(output in /, 'the job number and PID'));
    const pid = Number(/\[1\] (\d+)/.exec(said)![1]);
    assert.equal(store.getState().jobs[0]?.pid, pid);
    stdin.write('j');
    await frame((f) => new RegExp(`^ +1 +${pid} +${pid} +Running +\\d+\\.\\d s +sleep 30`, 'm').test(plain(f)), 'Running in the list');
    // k: the signal menu on the job's whole group, as the poller's sample would show the job.
    const job = store.getState().jobs[0]!;
    store.getState().applySample(sample([info(1, { command: '/sbin/init' }), info(pid, { command: 'sleep 30', pgrp: pid, startTime: job.startTime })]));
    stdin.write('k');
    await frame(new RegExp(`Send signal to process group ${pid} \\(\\d\\)`), "the signal menu on the job's group");
    stdin.write('\r');
    // The shell, and the sleep once it has started it (a shell that execs it is the sleep itself).
    await frame(
      new RegExp(`Send SIGTERM \\(15\\) to process group ${pid} \\(\\d process(?:es)?: ${pid} (?:sh|sleep)[^)]*\\), as Ctrl-C would\\?`),
      'the question, with its members',
    );
    stdin.write('y');
    await frame(/\[1\]\+ Killed \(SIGTERM\) {2}sleep 30/, 'the job ends as a shell says it');
    unmount();
  });
});
