// An ActionContext for component tests: the given store, a pool that records what it was asked
// and never starts a process, and services that only count.
import type { PoolPhase, PoolSnapshot } from '../../src/pool/pool-snapshot.js';
import type { WorkloadChoice } from '../../src/pool/task.js';
import type { AppStore } from '../../src/store/app-store.js';
import type { JobControl } from '../../src/store/jobs-slice.js';
import type { PoolControl } from '../../src/store/pool-actions.js';
import type { ActionContext } from '../../src/ui/action-context.js';

export class FakePool implements PoolControl {
  state: PoolPhase = 'idle';
  calls: string[] = [];
  async start(n: number): Promise<void> {
    this.calls.push(`start ${n}`);
    this.state = 'running';
  }
  async addWorker(): Promise<number> {
    this.calls.push('add');
    return 4242;
  }
  removeWorker(): number | null {
    this.calls.push('remove');
    return 4242;
  }
  pauseAll(): number {
    this.calls.push('pause');
    return 2;
  }
  resumeAll(): number {
    this.calls.push('resume');
    return 2;
  }
  async stop(): Promise<void> {
    this.calls.push('stop');
    this.state = 'stopped';
  }
  async kill(): Promise<void> {
    this.calls.push('kill');
    this.state = 'stopped';
  }
  setWorkload(choice: WorkloadChoice): void {
    this.calls.push(`workload ${choice.workload} ${choice.method ?? ''}`.trim());
  }
  startStream(): void {
    this.calls.push('stream');
  }
  snapshot(): PoolSnapshot {
    return {
      workers: [],
      summary: {
        phase: this.state,
        workers: 0,
        streaming: false,
        workload: null,
        startedAt: null,
        wallMs: 0,
        cpuMs: 0,
        cpuUserMs: 0,
        cpuSystemMs: 0,
        coresBusy: 0,
        tasksDone: 0,
        tasksPerSecond: 0,
        pending: 0,
        inFlight: 0,
        replaced: 0,
        latest: [],
      },
    };
  }
}

/** Records the job requests; starts nothing. */
export class FakeJobs implements JobControl {
  calls: string[] = [];
  start(line: string): void {
    this.calls.push(`start ${line}`);
  }
  wait(numbers?: readonly number[]): void {
    this.calls.push(numbers === undefined ? 'wait all' : `wait ${numbers.join(' ')}`);
  }
}

export function testContext(store: AppStore, overrides: Partial<ActionContext> = {}): ActionContext & { quits: number; pool: FakePool } {
  const ctx = {
    store,
    quits: 0,
    quit() {
      ctx.quits++;
    },
    services: { startedByPooltop: () => false, signalSent: () => {}, refreshSoon: () => {} },
    pool: new FakePool(),
    jobs: new FakeJobs(),
    ...overrides,
  };
  return ctx as ActionContext & { quits: number; pool: FakePool };
}
