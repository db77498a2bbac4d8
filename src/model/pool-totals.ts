// The pool's counters as Prometheus needs them: never going backwards. The pool itself keeps its
// totals across worker replacement (a dead worker's CPU stays in the sum), but starts them again
// at zero when it is stopped and started again; these totals carry on across such restarts.
import type { WorkerExit } from '../pool/pool-events.js';
import type { PoolSummary } from '../pool/pool-snapshot.js';
import type { TaskResult, WorkloadName } from '../pool/task.js';

type TaskOutcome = 'ok' | 'error';

export interface TasksDone {
  workload: WorkloadName;
  outcome: TaskOutcome;
  count: number;
}

export class PoolTotals {
  /** The run whose summary was seen last (its start time), and its CPU then. */
  private run: number | null = null;
  private runCpuMs = 0;
  /** CPU of the runs before it. */
  private pastCpuMs = 0;
  private readonly done = new Map<string, TasksDone>();
  private requeuedCount = 0;
  private replacedCount = 0;

  /**
   * A look at the pool. Its CPU total only grows within a run; a new start time is a new run,
   * whose CPU adds to what the runs before it used (as last seen: look at the pool when a worker
   * exits too, so that the end of a run is seen before the next one starts).
   */
  observe(summary: Pick<PoolSummary, 'startedAt' | 'cpuMs'>): void {
    if (summary.startedAt === null) return;
    if (summary.startedAt !== this.run) {
      this.pastCpuMs += this.runCpuMs;
      this.run = summary.startedAt;
      this.runCpuMs = 0;
    }
    this.runCpuMs = Math.max(this.runCpuMs, summary.cpuMs);
  }

  /** Each result once, as the pool's 'result' event gives it. */
  addResult(result: Pick<TaskResult, 'workload' | 'error'>): void {
    const outcome: TaskOutcome = result.error === null ? 'ok' : 'error';
    const key = `${result.workload} ${outcome}`;
    const entry = this.done.get(key);
    if (entry) entry.count++;
    else this.done.set(key, { workload: result.workload, outcome, count: 1 });
  }

  /** A worker's exit, from the pool's 'worker-exit' event: its task re-queued, a worker started in its place. */
  addExit(exit: Pick<WorkerExit, 'requeued' | 'replacedBy'>): void {
    if (exit.requeued !== null) this.requeuedCount++;
    if (exit.replacedBy !== null) this.replacedCount++;
  }

  get cpuSeconds(): number {
    return (this.pastCpuMs + this.runCpuMs) / 1000;
  }

  /** Results by workload and outcome, in the order they first came. */
  get tasksDone(): readonly TasksDone[] {
    return [...this.done.values()];
  }

  get requeued(): number {
    return this.requeuedCount;
  }

  get replaced(): number {
    return this.replacedCount;
  }
}
