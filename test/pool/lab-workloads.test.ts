// The lab's concept workloads with real workers (the built dist/pool/worker.cjs: run `npm run build` first).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, it } from 'node:test';
import { readPidTable } from '../../src/platform/pid-table.js';
import { PoolManager } from '../../src/pool/pool-manager.js';
import { ProcfsSampler } from '../../src/sampling/procfs-sampler.js';
import { killLeftoverWorkers, readProc } from '../e2e/proc-table.js';

const linux = process.platform === 'linux';

async function waitFor(what: string, predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every pool a test makes, every worker it started, and the children of their tasks (by start ticks). */
const pools: PoolManager[] = [];
const started = new Set<number>();
const childrenStarted = new Map<number, number>();

function makePool(): PoolManager {
  const pool = new PoolManager();
  pool.on('worker-start', ({ pid }) => started.add(pid));
  pool.on('child-start', ({ pid, startTicks }) => childrenStarted.set(pid, startTicks));
  pools.push(pool);
  return pool;
}

afterEach(async () => {
  for (const pool of pools.splice(0)) {
    pool.shutdown();
    await pool.kill();
  }
  killLeftoverWorkers(started);
  started.clear();
  for (const [pid, ticks] of childrenStarted) {
    const now = readProc(pid);
    if (pid >= 2 && pid !== process.pid && now && now.state !== 'Z' && now.startTime === ticks) process.kill(pid, 'SIGKILL');
  }
  childrenStarted.clear();
});

/** The processes whose parent is `pid`, from /proc now. */
function childrenOf(pid: number) {
  const table = readPidTable();
  return Array.isArray(table) ? table.filter((n) => n.ppid === pid) : [];
}

describe("each worker's IPC channel", () => {
  it('counts the bytes of every message both ways, as the JSON the channel carries', async () => {
    const pool = makePool();
    await pool.start(1);
    const before = pool.snapshot().workers[0]!.ipcBytes ?? 0;
    assert.ok(before > 20, `its ready message counted (${before} bytes)`);
    await pool.submit([
      { workload: 'sleep', arg: 10 },
      { workload: 'sleep', arg: 10 },
    ]);
    const after = pool.snapshot().workers[0]!.ipcBytes ?? 0;
    // Two tasks out (~50 bytes each) and two results in (~150 each).
    assert.ok(after - before > 200 && after - before < 2000, `${after - before} bytes for two tasks`);
  });
});

describe('zombie workload', { skip: !linux && 'needs /proc' }, () => {
  it("leaves a zombie (Z, <defunct>) under the task's child until the child ends; then PID 1 or a subreaper reaps it", async () => {
    const pool = makePool();
    await pool.start(1);
    const batch = pool.submit([{ workload: 'zombie', arg: 3000 }]);
    await waitFor('the task child', () => pool.snapshot().workers[0]?.child != null);
    const child = pool.snapshot().workers[0]!.child!;
    const zombie = (): number | undefined => childrenOf(child.pid).find((n) => readProc(n.pid)?.state === 'Z')?.pid;
    await waitFor('a zombie under the child', () => zombie() !== undefined);
    const pid = zombie()!;
    const row = new ProcfsSampler().readProcesses().processes.find((p) => p.pid === pid);
    assert.equal(row?.state, 'Z');
    assert.equal(row?.command, '[sleep] <defunct>');
    assert.equal(row?.ppid, child.pid, 'its parent is the child that does not wait');
    assert.ok(child.zombieSince !== undefined && child.zombieSince >= child.since, 'the snapshot says since when it waits to be reaped');
    // It stays a zombie while its parent lives: nobody reaps it.
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(readProc(pid)?.state, 'Z');
    const [result] = await batch;
    assert.match(String(result?.value), /^child \d+ exit 0$/);
    // Its parent gone, it was re-parented and reaped at once.
    await waitFor('the zombie reaped', () => readProc(pid) === null || readProc(pid)?.ppid !== child.pid);
    await waitFor('the zombie gone', () => readProc(pid) === null || readProc(pid)?.state !== 'Z', 5000);
  });

  it('when the parent is killed, the zombie is re-parented and reaped; the task fails with the signal', async () => {
    const pool = makePool();
    await pool.start(1);
    const batch = pool.submit([{ workload: 'zombie', arg: 8000 }]);
    await waitFor('the task child', () => pool.snapshot().workers[0]?.child != null);
    const child = pool.snapshot().workers[0]!.child!.pid;
    let zombie: number | undefined;
    await waitFor('a zombie under the child', () => {
      zombie = childrenOf(child).find((n) => readProc(n.pid)?.state === 'Z')?.pid;
      return zombie !== undefined;
    });
    assert.ok(pool.isTaskChild(child) && childrenStarted.has(child));
    process.kill(child, 'SIGKILL');
    const [result] = await batch;
    assert.match(result?.error ?? '', new RegExp(`its child ${child} was killed by SIGKILL`));
    await waitFor('the zombie reaped', () => readProc(zombie!) === null, 5000);
  });
});

describe('threads workloads', () => {
  it('unsynchronised, threads of one worker lose updates to the shared counter; with Atomics none is lost', async () => {
    const pool = makePool();
    await pool.start(1);
    const pid = pool.workerPids()[0]!;
    const base = threadCount(pid);
    const seen = { threads: 0 };
    // While the task runs the worker is one process with 4 more threads (its /proc task list).
    const batch = pool.submit([
      { workload: 'threads', arg: 5_000_000 },
      { workload: 'threads-atomic', arg: 1_000_000 },
    ]);
    await waitFor(
      'the counting threads',
      () => {
        seen.threads = Math.max(seen.threads, threadCount(pid));
        return seen.threads >= base + 4 || pool.snapshot().summary.tasksDone > 0;
      },
      30_000,
    );
    const [race, atomic] = await batch;
    const parse = (value: unknown) => /^expected (\d+) counted (\d+) lost (\d+)$/.exec(String(value))?.slice(1).map(Number);
    const [expected, counted, lost] = parse(race?.value) ?? [];
    assert.equal(expected, 20_000_000);
    assert.ok(lost! > 0 && counted! < expected!, `lost updates: ${String(race?.value)}`);
    assert.deepEqual(parse(atomic?.value), [4_000_000, 4_000_000, 0]);
    assert.ok(seen.threads >= base + 4, `the worker ran 4 threads beside its own ${base} (saw ${seen.threads})`);
  });
});

/** Threads of `pid` now (/proc/[pid]/status Threads:). */
function threadCount(pid: number): number {
  try {
    return Number(/\nThreads:\s*(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Each thread of `pid`: its state letter, CPU ticks and what it waits in (/proc/[pid]/task). */
function threadsOf(pid: number): Map<number, { state: string; ticks: number; wchan: string }> {
  const out = new Map<number, { state: string; ticks: number; wchan: string }>();
  let tids: string[] = [];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      let wchan = '';
      try {
        wchan = readFileSync(`/proc/${pid}/task/${tid}/wchan`, 'utf8');
      } catch {
        // not readable on every kernel
      }
      out.set(Number(tid), { state: fields[0]!, ticks: Number(fields[11]) + Number(fields[12]), wchan });
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return out;
}

describe('deadlock and semaphore workloads', { skip: !linux && 'needs /proc' }, () => {
  it('deadlock: two threads stay asleep (S, no CPU, in a futex wait) until the worker gives up on them', async () => {
    const pool = makePool();
    await pool.start(1);
    const pid = pool.workerPids()[0]!;
    const before = new Set(threadsOf(pid).keys());
    const batch = pool.submit([{ workload: 'deadlock', arg: 4000 }]);
    const fresh = () => [...threadsOf(pid).entries()].filter(([tid]) => !before.has(tid));
    await waitFor('two new threads', () => fresh().length >= 2);
    // Both past their first lock and asleep on the second: S, and their CPU stops growing.
    await waitFor('both asleep', () => fresh().length >= 2 && fresh().every(([, t]) => t.state === 'S'));
    const first = new Map(fresh());
    await new Promise((r) => setTimeout(r, 1000));
    for (const [tid, t] of fresh()) {
      if (!first.has(tid)) continue;
      assert.equal(t.state, 'S', `thread ${tid} sleeps`);
      assert.ok(t.ticks - first.get(tid)!.ticks <= 1, `thread ${tid} uses no CPU (${first.get(tid)!.ticks} → ${t.ticks} ticks)`);
      if (t.wchan !== '' && t.wchan !== '0') assert.match(t.wchan, /futex/, 'waiting in a futex: Atomics.wait');
    }
    const [result] = await batch;
    assert.equal(result?.value, 'deadlock: 2 threads waited 4000 ms, each holding the lock the other wants (2 of 2 held their first)');
    assert.ok(result!.cpuMs < 1000, `the deadlock cost next to no CPU (${result!.cpuMs} ms)`);
  });

  it('semaphore: of 6 threads, at most 2 hold a permit at once', async () => {
    const pool = makePool();
    await pool.start(1);
    const [result] = await pool.submit([{ workload: 'semaphore', arg: 200 }]);
    assert.equal(result?.value, 'semaphore: 6 threads, 2 permits, at most 2 held at once');
    assert.ok(result!.wallMs >= 550, `three rounds of 200 ms holds (${result!.wallMs} ms)`);
  });
});

describe('pipeline workload', { skip: !linux && 'needs /proc' }, () => {
  it("the writer blocks on the full pipe (S, in pipe_write) and the throughput is the reader's", async () => {
    const pool = makePool();
    await pool.start(1);
    const worker = pool.workerPids()[0]!;
    const batch = pool.submit([{ workload: 'pipeline', arg: 3000 }]);
    const stage = (title: string) => {
      const sh = childrenOf(worker)[0];
      return sh ? childrenOf(sh.pid).find((n) => readFileSync(`/proc/${n.pid}/cmdline`, 'latin1').startsWith(title)) : undefined;
    };
    await waitFor('the writer and the reader', () => stage('pipe-writer') !== undefined && stage('pipe-reader') !== undefined);
    const writer = stage('pipe-writer')!.pid;
    // Ended by the cleanup too should the test fail before they end by themselves.
    for (const p of [stage('pipe-writer')!, stage('pipe-reader')!]) childrenStarted.set(p.pid, readProc(p.pid)?.startTime ?? -1);
    // Sampled: the writer is asleep in the pipe nearly all the time, the reader naps between reads.
    let asleep = 0;
    let inPipe = 0;
    const looks = 40;
    for (let i = 0; i < looks; i++) {
      const state = readProc(writer)?.state;
      if (state === 'S') asleep++;
      try {
        if (/pipe_write|pipe_wait/.test(readFileSync(`/proc/${writer}/wchan`, 'utf8'))) inPipe++;
      } catch {
        // wchan is not readable on every kernel
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    assert.ok(asleep >= looks * 0.8, `the writer sleeps (S in ${asleep} of ${looks} looks)`);
    const [result] = await batch;
    const match = /^pipeline: (\d+\.\d\d) MB\/s through the pipe \((\d+) bytes in (\d+) ms\): the reader's pace$/.exec(String(result?.value));
    assert.ok(match, String(result?.value ?? result?.error));
    // The reader takes 4 KiB a nap of 1 ms at most: well under 4.1 MB/s, however fast the writer.
    assert.ok(Number(match[1]) > 0 && Number(match[1]) < 4.2, `${match[1]} MB/s`);
    assert.ok(inPipe === 0 || inPipe >= looks * 0.5, `where it waits: pipe_write in ${inPipe} of ${looks}`);
    await waitFor('both stages gone', () => readProc(writer) === null, 5000);
  });
});
