// The pool's metric families: workers by state, tasks done (by workload and outcome), queued, in
// flight and re-queued, workers replaced, CPU and cores busy, and each live worker's CPU and tasks.
// Counters come from PoolTotals, so none goes backwards when workers are replaced or the pool is
// started again.
import type { PoolSnapshot, WorkerState } from '../pool/pool-snapshot.js';
import { type MetricFamily, singleSampleFamily } from './metrics-exposition.js';
import type { PoolTotals } from './pool-totals.js';

const WORKER_STATES: readonly WorkerState[] = ['starting', 'idle', 'busy', 'paused', 'exiting'];

export function poolFamilies(snapshot: PoolSnapshot, totals: PoolTotals): MetricFamily[] {
  const { workers, summary } = snapshot;
  const worker = (w: (typeof workers)[number]) => ({ worker: String(w.index), pid: String(w.pid) });
  return [
    {
      name: 'pooltop_pool_workers',
      type: 'gauge',
      help: 'Live workers of the pool by state (paused: stopped by SIGSTOP; exiting: asked to go).',
      samples: WORKER_STATES.map((state) => ({ labels: { state }, value: workers.filter((w) => w.state === state).length })),
    },
    {
      name: 'pooltop_pool_tasks_done',
      type: 'counter',
      help: 'Tasks whose result came back, each once, by workload and outcome (ok, or error when the workload failed).',
      samples: totals.tasksDone.map((t) => ({ labels: { workload: t.workload, outcome: t.outcome }, value: t.count })),
    },
    singleSampleFamily('pooltop_pool_tasks_queued', 'gauge', 'Tasks waiting for a worker.', summary.pending),
    singleSampleFamily(
      'pooltop_pool_tasks_in_flight',
      'gauge',
      'Tasks handed to a worker and not yet done (a paused worker holds its task).',
      summary.inFlight,
    ),
    singleSampleFamily('pooltop_pool_tasks_requeued', 'counter', 'Tasks put back at the head of the queue because their worker died.', totals.requeued),
    singleSampleFamily('pooltop_pool_workers_replaced', 'counter', 'Workers started to replace workers that died.', totals.replaced),
    singleSampleFamily(
      'pooltop_pool_cpu_seconds',
      'counter',
      "CPU time of all the pool's workers, those that have exited included; its rate is the cores the pool keeps busy.",
      totals.cpuSeconds,
      'seconds',
    ),
    singleSampleFamily(
      'pooltop_pool_cores_busy',
      'gauge',
      'Cores the pool kept busy on average since it started (its CPU time over its wall time), as the pool panel shows.',
      summary.coresBusy,
    ),
    {
      name: 'pooltop_pool_worker_cpu_seconds',
      type: 'counter',
      unit: 'seconds',
      help: 'CPU time of each live worker; a replacement is a new worker with a number of its own.',
      samples: workers.map((w) => ({ labels: worker(w), value: w.cpuMs / 1000 })),
    },
    {
      name: 'pooltop_pool_worker_tasks_done',
      type: 'counter',
      help: 'Tasks each live worker has finished.',
      samples: workers.map((w) => ({ labels: worker(w), value: w.tasksDone })),
    },
  ];
}
