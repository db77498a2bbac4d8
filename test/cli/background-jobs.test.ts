// The monitor's background jobs on real child processes: numbering, states, the log files, the
// shell's end messages, `wait`, reaping (no zombie left) and ending them all on quit.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createBackgroundJobs, type BackgroundJobs } from '../../src/cli/background-jobs.js';
import { createAppStore, type AppStore } from '../../src/store/app-store.js';
import { jobStateText, type Job } from '../../src/store/jobs-slice.js';
import { childrenOf, isRunning } from '../e2e/proc-table.js';
import { info, sample } from '../model/fixtures.js';
import { procState, waitUntil } from '../signals/own-children.js';

const linux = process.platform === 'linux';
let root: string;
let store: AppStore;
let jobs: BackgroundJobs;
let refreshes = 0;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'pooltop-jobs-test-'));
  store = createAppStore();
  refreshes = 0;
  jobs = createBackgroundJobs(store, { reaped: () => 0 }, () => refreshes++, root);
});

afterEach(() => {
  // Only the jobs' own groups, checked as every group send is: the processes this test started.
  jobs.killNow();
  rmSync(root, { recursive: true, force: true });
});

/** The job numbered `n` once it has started. */
async function started(n: number): Promise<Job> {
  assert.ok(await waitUntil(() => store.getState().jobs.some((j) => j.number === n), 5000), `job ${n} started`);
  return store.getState().jobs.find((j) => j.number === n)!;
}

async function ended(n: number): Promise<Job> {
  assert.ok(await waitUntil(() => store.getState().jobs.find((j) => j.number === n)?.end != null, 10_000), `job ${n} ended`);
  return store.getState().jobs.find((j) => j.number === n)!;
}

describe('background jobs', { skip: !linux && 'needs /proc' }, () => {
  it('numbers the jobs from 1 in the order started, each in a group and session of its own, and says "[1] PID"', async () => {
    jobs.start('sleep 30');
    jobs.start('sleep 31');
    const one = await started(1);
    const two = await started(2);
    assert.notEqual(one.pid, two.pid);
    const stat = readFileSync(`/proc/${one.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    assert.deepEqual([Number(stat[2]), Number(stat[3])], [one.pid, one.pid], 'it leads its own group and session');
    assert.match(store.getState().message?.text ?? '', /^\[2\] \d+ {3}\(output in .*pooltop-jobs-.*\/2\.log; j lists the jobs\)$/);
    assert.equal(jobStateText(one, procState(one.pid)?.state), 'Running');
    assert.equal(jobs.running(), 2);
    assert.deepEqual(
      store
        .getState()
        .events.map((e) => e.text)
        .filter((t) => t.startsWith('job ')),
      [
        `job 1 started PID ${one.pid} (its own process group and session): sleep 30`,
        `job 2 started PID ${two.pid} (its own process group and session): sleep 31`,
      ],
    );
  });

  it('runs the line through /bin/sh -c, says "[1]+ Done (exit 3)" when it ends, and leaves no zombie', async () => {
    jobs.start("echo out; echo err >&2; sh -c 'exit 3'");
    const job = await ended(1);
    assert.deepEqual([job.end?.code, job.end?.signal], [3, null]);
    assert.equal(jobStateText(job, undefined), 'Done (exit 3)');
    assert.equal(store.getState().message?.text, `[1]+ Done (exit 3)  echo out; echo err >&2; sh -c 'exit 3'`);
    assert.equal(store.getState().message?.level, 'warn');
    // Node reaps its children as they end: the job is gone from /proc, not a zombie under pooltop.
    assert.ok(await waitUntil(() => procState(job.pid) === null, 2000), 'reaped');
    assert.equal(jobs.running(), 0);
    assert.equal(readFileSync(job.log!, 'utf8'), 'out\nerr\n');
  });

  it('keeps each output in a file only the user can read, in a folder only the user can enter; closeLogs removes the empty ones', async () => {
    jobs.start('echo hello');
    jobs.start('true');
    const one = await ended(1);
    const two = await ended(2);
    const dir = join(one.log!, '..');
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    assert.equal(statSync(one.log!).mode & 0o777, 0o600);
    assert.equal(statSync(two.log!).size, 0);
    assert.equal(jobs.closeLogs(), dir, 'a log with output is kept');
    assert.deepEqual(readdirSync(dir), ['1.log']);
  });

  it('shows a job killed by a signal as Killed (SIGNAL), and a stopped one (state T) as Stopped', async () => {
    jobs.start('sleep 30');
    const job = await started(1);
    assert.ok(await waitUntil(() => procState(job.pid)?.state === 'S', 5000));
    // This test's own job, by the PID it was just given.
    process.kill(job.pid, 'SIGSTOP');
    assert.ok(await waitUntil(() => procState(job.pid)?.state === 'T', 5000));
    assert.equal(jobStateText(job, procState(job.pid)?.state), 'Stopped');
    process.kill(job.pid, 'SIGCONT');
    await jobs.endAll();
    const end = await ended(1);
    assert.equal(jobStateText(end, undefined), 'Killed (SIGTERM)');
    assert.equal(store.getState().message?.text, '[1]+ Killed (SIGTERM)  sleep 30');
  });

  it('wait: says how many it waits for, then each status with real/user/sys as bash time prints them', async () => {
    const go = join(root, 'go');
    jobs.start('sleep 0.2; exit 2');
    jobs.start(`until [ -e ${go} ]; do sleep 0.05; done`);
    await started(1);
    await started(2);
    jobs.wait();
    assert.deepEqual(store.getState().waitingFor, [1, 2]);
    assert.equal(store.getState().message?.text, 'waiting for 2 jobs… (Esc stops waiting; they run on)');
    await ended(1);
    assert.deepEqual(store.getState().waitingFor, [1, 2], 'still waiting for the second');
    writeFileSync(go, '');
    await ended(2);
    assert.equal(store.getState().waitingFor, null);
    assert.match(
      store.getState().message?.text ?? '',
      /^\[1\] Done \(exit 2\) real \d+m\d+\.\d{3}s user \d+m\d+\.\d{3}s sys \d+m\d+\.\d{3}s {2}sleep 0\.2; exit 2 · \[2\] Done \(exit 0\) real \d+m\d+\.\d{3}s user .* {2}until /,
    );
  });

  it('wait for one job that has ended gives its status at once; Esc (stopWaiting) leaves a running one running', async () => {
    jobs.start('exit 0');
    await ended(1);
    jobs.wait([1]);
    assert.match(store.getState().message?.text ?? '', /^\[1\] Done \(exit 0\) real /);
    assert.equal(store.getState().waitingFor, null);
    jobs.start('sleep 30');
    const two = await started(2);
    jobs.wait([2]);
    store.getState().stopWaiting();
    assert.equal(store.getState().waitingFor, null);
    assert.equal(store.getState().message?.text, 'stopped waiting: 1 job runs on (j lists them)');
    assert.ok(await waitUntil(() => procState(two.pid)?.state === 'S', 5000), 'it runs on (asleep in its sleep)');
  });

  it('endAll ends every running job with its whole group (the shell and what it started)', async () => {
    jobs.start('sleep 30 & sleep 31; wait');
    const job = await started(1);
    assert.ok(await waitUntil(() => childrenOf(job.pid).length === 2 && procState(job.pid)?.state === 'S', 5000), 'the shell and its two sleeps');
    const sleeps = childrenOf(job.pid);
    await jobs.endAll();
    assert.equal(jobs.running(), 0);
    assert.ok(await waitUntil(() => procState(job.pid) === null, 3000), 'the job is reaped');
    assert.ok(await waitUntil(() => sleeps.every((s) => !isRunning(s)), 3000), 'its sleeps ended with its group');
  });

  it("shows every process again once an ended job's subtree, shown from the job list, has left the sample", async () => {
    jobs.start('sleep 30');
    const job = await started(1);
    store.getState().applySample(sample([info(1), info(job.pid, { startTime: job.startTime })]));
    store.getState().showSubtree(job.pid, job.startTime);
    await jobs.endAll();
    await ended(1);
    assert.equal(store.getState().view.subtree?.pid, job.pid, 'kept while a sample still shows it');
    store.getState().applySample(sample([info(1)]));
    assert.ok(await waitUntil(() => store.getState().view.subtree === null, 2000), 'every process again');
    assert.equal(store.getState().message?.text, '[1]+ Killed (SIGTERM)  sleep 30', 'the end stays on the message line');
  });

  it('says in one line when there is nothing to wait for', async () => {
    jobs.wait();
    assert.equal(store.getState().message?.text, 'no running jobs to wait for');
  });
});
