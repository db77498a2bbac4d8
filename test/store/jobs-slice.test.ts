// The job table as the store keeps it: states, order, the & prompt and the job list opening, Esc while waiting.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAppStore } from '../../src/store/app-store.js';
import { jobEndText, jobStateText, MAX_JOB_LINE, runningJobs, type Job, type JobEnd } from '../../src/store/jobs-slice.js';

const job = (number: number, end: Job['end'] = null): Job => ({
  number,
  pid: 4000 + number,
  startTime: 0,
  command: `sleep ${number}`,
  startedAt: 0,
  log: null,
  end,
});
const done = (code: number | null, signal: NodeJS.Signals | null = null): JobEnd => ({ code, signal, realMs: 10, userMs: 0, systemMs: 0 });

describe('the job table', () => {
  it("names each state as a shell's jobs would, a stop read from the sample's state", () => {
    assert.equal(jobStateText(job(1), 'S'), 'Running');
    assert.equal(jobStateText(job(1), 'R'), 'Running');
    assert.equal(jobStateText(job(1), undefined), 'Running', 'not sampled yet');
    assert.equal(jobStateText(job(1), 'T'), 'Stopped');
    assert.equal(jobStateText(job(1), 't'), 'Stopped', 'stopped by a tracer');
    assert.equal(jobStateText(job(1, done(0)), 'T'), 'Done (exit 0)', 'an end is final, whatever an old sample said');
    assert.equal(jobStateText(job(1, done(3)), undefined), 'Done (exit 3)');
    assert.equal(jobStateText(job(1, done(null, 'SIGKILL')), undefined), 'Killed (SIGKILL)');
    assert.equal(jobEndText({ code: null, signal: 'SIGTERM' }), 'Killed (SIGTERM)');
  });

  it('keeps jobs in the order added, ends one by its number, and counts the running ones', () => {
    const store = createAppStore();
    store.getState().addJob(job(1));
    store.getState().addJob(job(2));
    store.getState().endJob(1, done(0));
    assert.deepEqual(
      store.getState().jobs.map((j) => [j.number, j.end?.code ?? null]),
      [
        [1, 0],
        [2, null],
      ],
    );
    assert.deepEqual(
      runningJobs(store.getState().jobs).map((j) => j.number),
      [2],
    );
  });

  it('opens the & prompt empty and caps what it takes; the job list opens at the newest job', () => {
    const store = createAppStore();
    store.getState().typeJobLine('old');
    store.getState().beginJobLine();
    assert.deepEqual([store.getState().mode, store.getState().jobLine], ['jobline', '']);
    store.getState().typeJobLine('x'.repeat(MAX_JOB_LINE + 10));
    assert.equal(store.getState().jobLine.length, MAX_JOB_LINE);
    store.getState().addJob(job(1));
    store.getState().addJob(job(2));
    store.getState().openJobs();
    assert.deepEqual([store.getState().mode, store.getState().menuIndex], ['jobs', 1]);
  });

  it('stops waiting on Esc, saying how many of the jobs waited for run on', () => {
    const store = createAppStore();
    store.getState().addJob(job(1, done(0)));
    store.getState().addJob(job(2));
    store.getState().addJob(job(3));
    store.getState().setWaiting([1, 2]);
    store.getState().stopWaiting();
    assert.equal(store.getState().waitingFor, null);
    assert.equal(store.getState().message?.text, 'stopped waiting: 1 job runs on (j lists them)');
    store.setState({ message: null });
    store.getState().stopWaiting();
    assert.equal(store.getState().message, null, 'not waiting: nothing to say');
  });
});
