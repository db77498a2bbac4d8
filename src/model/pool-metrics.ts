// The pool's metric families: workers by state, tasks done (by workload and outcome), queued, in
// flight and re-queued, workers replaced, CPU and cores busy, and each live worker's CPU and tasks.
// Counters come from PoolTotals, so none goes backwards when workers are replaced or the pool is
// started again.
import type { PoolSnapshot, WorkerState } from '../pool/pool-snapshot.js';
import type { MetricFamily } from './metrics-exposition.js';
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
    {
      name: 'pooltop_pool_tasks_queued',
      type: 'gauge',
      help: 'Tasks waiting for a worker.',
      samples: [{ value: summary.pending }],
    },
    {
      name: 'pooltop_pool_tasks_in_flight',
      type: 'gauge',
      help: 'Tasks handed to a worker and not yet done (a paused worker holds its task).',
      samples: [{ value: summary.inFlight }],
    },
    {
      name: 'pooltop_pool_tasks_requeued',
      type: 'counter',
      help: 'Tasks put back at the head of the queue because their worker died.',
      samples: [{ value: totals.requeued }],
    },
    {
      name: 'pooltop_pool_workers_replaced',
      type: 'counter',
      help: 'Workers started to replace workers that died.',
      samples: [{ value: totals.replaced }],
    },
    {
      name: 'pooltop_pool_cpu_seconds',
      type: 'counter',
      unit: 'seconds',
      help: "CPU time of all the pool's workers, those that have exited included; its rate is the cores the pool keeps busy.",
      samples: [{ value: totals.cpuSeconds }],
    },
    {
      name: 'pooltop_pool_cores_busy',
      type: 'gauge',
      help: 'Cores the pool kept busy on average since it started (its CPU time over its wall time), as the pool panel shows.',
      samples: [{ value: summary.coresBusy }],
    },
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
