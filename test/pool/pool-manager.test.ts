// Real worker processes (the built dist/pool/worker-entry.js: run `npm run build` first).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { afterEach, describe, it } from 'node:test';
import { PoolManager } from '../../src/pool/pool-manager.js';
import type { TaskResult, TaskSpec } from '../../src/pool/task.js';

const SEED = [1000003, 2000003, 3000017, 4000037, 5000011, 6000011, 7000003, 8000009, 9000011];
const seedSpecs = (): TaskSpec[] =>
  Array.from({ length: 9 }, (_, i) => ({ workload: 'primes' as const, arg: (i + 1) * 1_000_000 }));
const sleeps = (n: number, ms: number): TaskSpec[] => Array.from({ length: n }, () => ({ workload: 'sleep' as const, arg: ms }));

/** A running (not zombie) process with this PID. */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

function procState(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
}

async function waitFor(what: string, predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Every pool a test makes, and every worker PID any of them started. */
const pools: PoolManager[] = [];
const started = new Set<number>();

function makePool(): PoolManager {
  const pool = new PoolManager();
  pool.on('worker-start', ({ pid }) => started.add(pid));
  pools.push(pool);
  return pool;
}

afterEach(async () => {
  for (const pool of pools.splice(0)) {
    pool.shutdown();
    await pool.kill();
  }
  // Belt and braces for a failed test: a worker we started that is somehow still there.
  for (const pid of started) {
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'latin1');
    } catch {
      continue;
    }
    if (pid >= 2 && pid !== process.pid && cmdline.startsWith('pooltop-worker')) process.kill(pid, 'SIGKILL');
  }
  started.clear();
});

function countById(results: readonly TaskResult[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const r of results) counts.set(r.taskId, (counts.get(r.taskId) ?? 0) + 1);
  return counts;
}

describe('PoolManager with real workers', () => {
  it('a pool of 2 runs the seed batch: every result once, in submission order, from both workers', async () => {
    const pool = makePool();
    await pool.start(2);
    const pids = pool.workerPids();
    assert.equal(pids.length, 2);
    for (const pid of pids) {
      assert.equal(readFileSync(`/proc/${pid}/cmdline`, 'latin1').replace(/\0+$/, ''), `pooltop-worker ${pids.indexOf(pid) + 1}`);
    }
    const arrived: TaskResult[] = [];
    pool.on('result', (r) => arrived.push(r));
    const results = await pool.submit(seedSpecs());
    assert.deepEqual(
      results.map((r) => r.value),
      SEED,
    );
    assert.equal(arrived.length, 9);
    assert.ok([...countById(arrived).values()].every((n) => n === 1));
    assert.deepEqual(new Set(arrived.map((r) => r.pid)), new Set(pids), 'both workers took tasks');
    const { summary, workers } = pool.snapshot();
    assert.equal(summary.tasksDone, 9);
    assert.ok(summary.cpuMs > 0 && summary.coresBusy > 0);
    assert.equal(summary.latest.length, 9);
    assert.ok(Object.isFrozen(summary.latest[0]) && Object.isFrozen(results[0]), 'results are read-only');
    assert.deepEqual(
      workers.map((w) => w.state),
      ['idle', 'idle'],
    );
    assert.equal(workers.reduce((n, w) => n + w.tasksDone, 0), 9);
  });

  it('runs sumsq exactly and sleep without CPU, and rejects bad tasks before queueing them', async () => {
    const pool = makePool();
    await pool.start(1);
    const [sum, nap] = await pool.submit([
      { workload: 'sumsq', arg: 5_000_000 },
      { workload: 'sleep', arg: 150 },
    ]);
    assert.equal(sum?.value, '41666654166667500000');
    assert.ok(nap !== undefined && nap.wallMs >= 145 && nap.cpuMs < 20, JSON.stringify(nap));
    await assert.rejects(pool.submit([{ workload: 'primes', arg: 1 }]), /task 0: primes needs an integer argument from 2/);
    await assert.rejects(pool.submit([{ workload: 'nope' as 'sleep', arg: 1 }]), /unknown workload/);
    assert.equal(pool.snapshot().summary.pending, 0);
  });

  it('a worker SIGKILLed mid-task has its task re-run; the batch completes with each result once', async () => {
    const pool = makePool();
    await pool.start(2);
    const exits: Array<{ pid: number; requeued: number | null; replacedBy: number | null }> = [];
    pool.on('worker-exit', (e) => exits.push({ pid: e.pid, requeued: e.requeued?.id ?? null, replacedBy: e.replacedBy }));
    const arrived: TaskResult[] = [];
    pool.on('result', (r) => arrived.push(r));
    let victim: { pid: number; taskId: number } | null = null;
    pool.once('dispatch', ({ pid, task }) => {
      victim = { pid, taskId: task.id };
    });
    const batch = pool.submit(sleeps(6, 400));
    await waitFor('the first dispatch', () => victim !== null);
    await sleep(100);
    const { pid, taskId } = victim as unknown as { pid: number; taskId: number };
    assert.ok(pool.isWorker(pid) && pid >= 2 && pid !== process.pid);
    process.kill(pid, 'SIGKILL');
    const results = await batch;
    assert.equal(results.length, 6);
    assert.ok(results.every((r) => r !== undefined && r.error === null));
    assert.ok([...countById(arrived).values()].every((n) => n === 1), 'no result twice');
    assert.equal(arrived.length, 6);
    const rerun = results.find((r) => r.taskId === taskId);
    assert.ok(rerun && rerun.pid !== pid, 'the killed task was re-run by another worker');
    assert.equal(exits.length, 1);
    assert.equal(exits[0]?.pid, pid);
    assert.equal(exits[0]?.requeued, taskId);
    assert.ok(exits[0]?.replacedBy !== null, 'a replacement was started');
    assert.equal(pool.workerPids().length, 2);
    assert.ok(!running(pid));
    assert.equal(pool.snapshot().summary.replaced, 1);
  });

  it('a worker paused by the pool gets no task until it is resumed', async () => {
    const pool = makePool();
    await pool.start(2);
    const [a, b] = pool.workerPids() as [number, number];
    assert.equal(pool.pauseWorker(a), 'sent');
    await waitFor('state T', () => procState(a) === 'T');
    assert.equal(pool.snapshot().workers[0]?.state, 'paused');
    const arrived: TaskResult[] = [];
    pool.on('result', (r) => arrived.push(r));
    const batch = pool.submit(sleeps(6, 80));
    await waitFor('three results', () => arrived.length >= 3);
    assert.ok(
      arrived.every((r) => r.pid === b),
      'only the running worker got tasks',
    );
    assert.equal(pool.resumeWorker(a), 'sent');
    const results = await batch;
    assert.ok(
      results.slice(3).some((r) => r.pid === a),
      'the resumed worker took tasks again',
    );
  });

  it('a worker stopped from outside (not through the pool) is seen in /proc and skipped until continued', async () => {
    const pool = makePool();
    await pool.start(2, { pollMs: 100 });
    const [a, b] = pool.workerPids() as [number, number];
    process.kill(a, 'SIGSTOP');
    await waitFor('state T', () => procState(a) === 'T');
    const arrived: TaskResult[] = [];
    pool.on('result', (r) => arrived.push(r));
    const batch = pool.submit(sleeps(8, 60));
    await waitFor('four results', () => arrived.length >= 4);
    assert.ok(arrived.every((r) => r.pid === b));
    assert.equal(pool.snapshot().workers.find((w) => w.pid === a)?.state, 'paused');
    process.kill(a, 'SIGCONT');
    const results = await batch;
    assert.ok(results.some((r) => r.pid === a), 'the poll noticed SIGCONT and dispatched again');
  });

  it('noteSignal: a STOP sent through the UI marks the worker paused, CONT clears it', async () => {
    const pool = makePool();
    await pool.start(2, { procCheck: false, pollMs: 0 });
    const [a, b] = pool.workerPids() as [number, number];
    process.kill(a, 'SIGSTOP');
    assert.equal(pool.noteSignal(a, 'STOP'), true);
    assert.equal(pool.noteSignal(process.pid, 'SIGSTOP'), false);
    const results = await pool.submit(sleeps(4, 30));
    assert.ok(results.every((r) => r.pid === b));
    process.kill(a, 'SIGCONT');
    pool.noteSignal(a, 'SIGCONT');
    assert.equal(pool.snapshot().workers[0]?.state, 'idle');
  });

  it('refuses to signal anything that is not one of its workers', async () => {
    const pool = makePool();
    await pool.start(1);
    for (const pid of [0, 1, -1, -pool.workerPids()[0]!, process.pid, 2.5, Number.NaN, 999_999_999]) {
      assert.equal(pool.pauseWorker(pid), 'not-a-worker', String(pid));
      assert.equal(pool.resumeWorker(pid), 'not-a-worker', String(pid));
      assert.equal(pool.isWorker(pid), false);
    }
  });

  it('after stop() no worker PID remains, paused and busy ones included', async () => {
    const pool = makePool();
    await pool.start(3, { stream: { workload: 'sleep' }, streamTargetMs: 2000 });
    const pids = pool.workerPids();
    await waitFor('all busy', () => pool.snapshot().workers.every((w) => w.state === 'busy'));
    pool.pauseWorker(pids[0]!);
    const t0 = Date.now();
    await pool.stop();
    assert.ok(Date.now() - t0 < 1500, 'SIGTERM ends them without waiting for the grace period');
    assert.equal(pool.state, 'stopped');
    assert.deepEqual(pool.workerPids(), []);
    for (const pid of pids) assert.ok(!running(pid), `PID ${pid} still there`);
    await pool.stop(); // idempotent
  });

  it('after kill() no worker PID remains', async () => {
    const pool = makePool();
    await pool.start(2);
    const pids = pool.workerPids();
    const batch = pool.submit(sleeps(4, 2000));
    pool.pauseAll();
    await pool.kill();
    await assert.rejects(batch, /killed/);
    for (const pid of pids) assert.ok(!running(pid), `PID ${pid} still there`);
  });

  it('trap-mode workers report and ignore SIGTERM; stop() escalates to SIGKILL after the grace period', async () => {
    const pool = makePool();
    await pool.start(2, { trap: true, stopGraceMs: 400 });
    const pids = pool.workerPids();
    const trapped: string[] = [];
    pool.on('trapped', (t) => trapped.push(`${t.pid}:${t.signal}`));
    process.kill(pids[0]!, 'SIGINT');
    await waitFor('the trap report', () => trapped.length === 1);
    assert.deepEqual(trapped, [`${pids[0]}:SIGINT`]);
    assert.ok(running(pids[0]!));
    const exits: Array<NodeJS.Signals | null> = [];
    pool.on('worker-exit', (e) => exits.push(e.signal));
    await pool.stop();
    assert.ok(trapped.some((t) => t.endsWith('SIGTERM')), 'SIGTERM was caught');
    assert.deepEqual(exits, ['SIGKILL', 'SIGKILL'], 'only SIGKILL ended them');
    for (const pid of pids) assert.ok(!running(pid));
  });

  it('shutdown() is synchronous, idempotent and leaves no worker', async () => {
    const pool = makePool();
    await pool.start(2);
    const pids = pool.workerPids();
    pool.pauseWorker(pids[1]!);
    pool.shutdown();
    pool.shutdown();
    assert.notEqual(pool.state, 'running');
    await pool.kill();
    for (const pid of pids) assert.ok(!running(pid));
    // A stopped pool can start again, counters reset.
    await pool.start(1);
    assert.equal(pool.snapshot().summary.tasksDone, 0);
    assert.equal(pool.snapshot().workers[0]?.index, 1);
  });

  it('addWorker and removeWorker: an idle worker leaves at once, a busy one after its task', async () => {
    const pool = makePool();
    await pool.start(1);
    const added = pool.addWorker();
    assert.ok(added !== null);
    await pool.whenReady();
    assert.equal(pool.workerPids().length, 2);
    const removed = pool.removeWorker();
    assert.equal(removed, added, 'the newest idle worker goes');
    await waitFor('the idle worker to exit', () => pool.workerPids().length === 1);
    const [only] = pool.workerPids() as [number];
    const batch = pool.submit(sleeps(1, 300));
    await waitFor('busy', () => pool.snapshot().workers[0]?.state === 'busy');
    assert.equal(pool.removeWorker(), only);
    assert.equal(pool.snapshot().workers[0]?.state, 'exiting');
    const [result] = await batch;
    assert.equal(result?.pid, only, 'the retiring worker finished its task');
    await waitFor('the busy worker to exit', () => pool.workerPids().length === 0);
    assert.equal(pool.snapshot().summary.replaced, 0, 'a removed worker is not replaced');
  });

  it('streams primes tasks until stopped, and switches workload', async () => {
    const pool = makePool();
    await pool.start(2, { stream: true, streamTargetMs: 50 });
    const seen: TaskResult[] = [];
    pool.on('result', (r) => seen.push(r));
    await waitFor('some primes', () => seen.length >= 4);
    assert.ok(seen.every((r) => r.workload === 'primes' && typeof r.value === 'number' && r.value >= r.arg));
    pool.setWorkload({ workload: 'sleep' });
    await waitFor('a sleep task', () => seen.some((r) => r.workload === 'sleep'), 5000);
    const s = pool.snapshot().summary;
    assert.equal(s.streaming, true);
    assert.deepEqual(s.workload, { workload: 'sleep' });
    assert.ok(s.tasksPerSecond > 0);
    pool.stopStream();
    await sleep(200);
    await waitFor('idle', () => pool.snapshot().workers.every((w) => w.state === 'idle'));
    assert.equal(pool.snapshot().summary.streaming, false);
  });

  it('refuses a bad start', async () => {
    const pool = makePool();
    await assert.rejects(pool.start(0), /1 to 256 workers/);
    await assert.rejects(pool.start(257), /1 to 256 workers/);
    await assert.rejects(pool.start(1, { workerPath: '/nonexistent/worker-entry.js' }), /not built/);
    await assert.rejects(pool.submit(sleeps(1, 1)), /not running/);
    await pool.start(1);
    await assert.rejects(pool.start(1), /already running/);
  });
});
