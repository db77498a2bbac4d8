import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createAppStore } from '../../src/store/app-store.js';
import { Poller } from '../../src/store/poller.js';
import { pauseOrResume, signalTargets, type ProcessServices } from '../../src/store/signal-actions.js';
import { ProcfsSampler } from '../../src/sampling/procfs-sampler.js';
import type { Sample, SampleRequest, Sampler } from '../../src/sampling/types.js';
import { info, sample } from '../model/fixtures.js';
import { OwnChildren, procState, waitUntil } from '../signals/own-children.js';

const linux = process.platform === 'linux';

/** A server (30) with two threads, a kernel thread (kthreadd, 2, and its child 3) and init. */
function threadedSample(monotonic: number, busyTime: number): Sample {
  return sample(
    [
      info(1, { ppid: 0 }),
      info(2, { ppid: 0, kernelThread: true, command: '[kthreadd]' }),
      info(3, { ppid: 2, kernelThread: true, command: '[kworker/0:1]' }),
      info(30, { threads: 3, cpuTime: busyTime }),
      info(31, { threadOf: 30, threads: 3, cpuTime: busyTime, name: 'busy' }),
      info(32, { threadOf: 30, threads: 3, cpuTime: 0, name: 'idle' }),
    ],
    { monotonic },
  );
}

const pids = (store: ReturnType<typeof createAppStore>): number[] => store.getState().visible.map((r) => r.pid);

describe('kernel and user threads in the table', () => {
  it('hides kernel threads and user threads at start, as htop does; K and H show and hide them', () => {
    const store = createAppStore({ sortKey: 'pid' });
    store.getState().applySample(threadedSample(0, 0));
    assert.deepEqual(pids(store), [1, 30]);
    store.getState().toggleKernelThreads();
    assert.deepEqual(pids(store), [1, 2, 3, 30]);
    assert.match(store.getState().message?.text ?? '', /kernel threads shown/);
    store.getState().toggleUserlandThreads();
    assert.deepEqual(pids(store), [1, 2, 3, 30, 31, 32]);
    store.getState().toggleKernelThreads();
    store.getState().toggleUserlandThreads();
    assert.deepEqual(pids(store), [1, 30]);
  });

  it("gives each thread its own CPU%, measured on the thread's own CPU time", () => {
    const store = createAppStore({ sortKey: 'pid', hideUserlandThreads: false });
    store.getState().applySample(threadedSample(0, 0));
    store.getState().applySample(threadedSample(1000, 0.5));
    const cpu = new Map(store.getState().visible.map((r) => [r.pid, Math.round(r.cpu)]));
    assert.deepEqual([cpu.get(30), cpu.get(31), cpu.get(32)], [50, 50, 0]);
  });

  it('says so when the source cannot list threads', () => {
    const store = createAppStore();
    store.getState().applySample(sample([info(1)], { source: 'ps-list', capabilities: { startTimePrecisionMs: 1000, cpuTime: false } }));
    store.getState().toggleUserlandThreads();
    assert.match(store.getState().message?.text ?? '', /ps-list source lists no threads/);
  });

  it('asks each sample for threads while they are shown', async () => {
    const requests: (SampleRequest | undefined)[] = [];
    const sampler: Sampler = {
      source: 'procfs',
      capabilities: { startTimePrecisionMs: 0, cpuTime: true, threads: true },
      sample: async (request) => {
        requests.push(request);
        return threadedSample(performance.now(), 0);
      },
      close: () => {},
    };
    const store = createAppStore();
    const poller = new Poller(sampler, store, 10_000);
    poller.start();
    assert.ok(await waitUntil(() => requests.length === 1));
    store.getState().toggleUserlandThreads();
    poller.refreshSoon(0);
    assert.ok(await waitUntil(() => requests.length === 2));
    poller.stop();
    assert.deepEqual(requests, [{ threads: false }, { threads: true }]);
  });

  it("signals a tagged thread's process once when the process is tagged too", () => {
    const store = createAppStore({ sortKey: 'pid', hideUserlandThreads: false });
    store.getState().applySample(threadedSample(0, 0));
    for (const pid of [30, 31]) {
      store.getState().selectPid(pid);
      store.getState().toggleTag();
    }
    assert.deepEqual(
      signalTargets(store.getState()).map((t) => [t.pid, t.threadOf]),
      [[30, undefined]],
    );
    store.getState().untagAll();
    store.getState().selectPid(31);
    assert.deepEqual(
      signalTargets(store.getState()).map((t) => [t.pid, t.threadOf]),
      [[31, 30]],
    );
  });
});

describe('a signal to a thread', { skip: !linux && 'needs Linux /proc' }, () => {
  const own = new OwnChildren();
  after(() => own.cleanup());

  it('checks the TID as it checks a PID, says it reached the whole process, and the pool hears of the process', async () => {
    // A Node process with a worker thread of its own: the thread row's TID is not the process's PID.
    const child = own.spawn(process.execPath, [
      '-e',
      "new (require('worker_threads').Worker)('setInterval(() => {}, 1000)', { eval: true }); setInterval(() => {}, 1000)",
    ]);
    const sampler = new ProcfsSampler();
    const store = createAppStore({ pids: [child.pid], hideUserlandThreads: false });
    assert.ok(
      await waitUntil(
        () => {
          void sampler.sample({ threads: true }).then((s) => store.getState().applySample(s));
          return store.getState().visible.some((r) => r.threadOf === child.pid);
        },
        10_000,
        100,
      ),
      'the child has thread rows',
    );
    const thread = store.getState().visible.find((r) => r.threadOf === child.pid)!;
    assert.ok(store.getState().selectPid(thread.pid));
    const sent: [number, string][] = [];
    const services: ProcessServices = { startedByPooltop: () => true, signalSent: (pid, signal) => sent.push([pid, signal]), refreshSoon: () => {} };
    pauseOrResume(store, services, 'SIGSTOP');
    assert.ok(await waitUntil(() => procState(child.pid)?.state === 'T', 5000), 'the whole process stopped');
    assert.match(
      store.getState().message?.text ?? '',
      new RegExp(`^sent SIGSTOP \\(19\\) to thread ${thread.pid} of PID ${child.pid}, so to its whole process: `),
    );
    assert.deepEqual(sent, [[child.pid, 'SIGSTOP']]);
    pauseOrResume(store, services, 'SIGCONT');
    assert.ok(await waitUntil(() => procState(child.pid)?.state !== 'T', 5000), 'resumed');
    sampler.close();
  });
});
