// What should run where: the queue of tasks, the endless stream, the batches callers wait on and
// how often a task has crashed its worker. It hands tasks to workers by their index and hears
// their results; it starts and signals no process (worker-supervisor.ts does).
import { StreamSource } from './stream-source.js';
import type { Task, TaskResult, TaskSpec, WorkloadChoice } from './task.js';
import { TaskQueue } from './task-queue.js';
import { taskSpecProblem, workloadChoiceProblem } from './workloads.js';

/** A task whose worker crashed (exited with an error code, not by a signal) this often fails. */
export const MAX_CRASHES_PER_TASK = 3;

/** What a worker reported of a task it ran. */
export type TaskReport = Pick<TaskResult, 'value' | 'error' | 'pid' | 'cpuMs' | 'wallMs'>;

interface Batch {
  /** Ids of a batch are consecutive from this one: a result's position is id − firstId. */
  firstId: number;
  results: (TaskResult | undefined)[];
  remaining: number;
  resolve: (results: TaskResult[]) => void;
  reject: (error: Error) => void;
  onResult: ((result: TaskResult) => void) | undefined;
}

export class TaskScheduler {
  private queue = new TaskQueue<Task>();
  private stream: StreamSource | null = null;
  private streamTargetMs = 1000;
  private choice: WorkloadChoice = { workload: 'primes', method: 'naive' };
  private readonly batchOf = new Map<number, Batch>();
  private readonly crashes = new Map<number, number>();
  private nextTaskId = 1;

  /**
   * `recorded` hears of every result once, the first time, before its batch does: the pool's
   * totals and its 'result' event.
   */
  constructor(
    private readonly recorded: (result: TaskResult) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new run: nothing queued, no stream, no batch; stream tasks of about `streamTargetMs`. */
  reset(streamTargetMs: number): void {
    this.queue = new TaskQueue<Task>();
    this.stream = null;
    this.streamTargetMs = streamTargetMs;
    this.batchOf.clear();
    this.crashes.clear();
  }

  get pending(): number {
    return this.queue.pendingCount;
  }

  get inFlight(): number {
    return this.queue.inFlightCount;
  }

  /** The stream's workload, or null when not streaming. */
  get workload(): WorkloadChoice | null {
    return this.stream !== null ? this.choice : null;
  }

  /**
   * Queues a batch and resolves with every result in submission order, like Pool.map; `onResult`
   * hears them in arrival order. Throws RangeError, queueing nothing, for a spec the pool cannot
   * run: specs may come from anywhere, so each is validated here, once.
   */
  submit(specs: readonly TaskSpec[], onResult?: (result: TaskResult) => void): Promise<TaskResult[]> {
    for (const [i, spec] of specs.entries()) {
      const problem = taskSpecProblem(spec);
      if (problem !== null) throw new RangeError(`task ${i}: ${problem}`);
    }
    if (specs.length === 0) return Promise.resolve([]);
    const tasks = specs.map((spec): Task => {
      const task: Task = { id: this.nextTaskId++, workload: spec.workload, arg: spec.arg };
      if (spec.method !== undefined) task.method = spec.method;
      // Tasks and results are shared with every snapshot and listener: frozen, so none can edit them.
      return Object.freeze(task);
    });
    const promise = new Promise<TaskResult[]>((resolve, reject) => {
      const batch: Batch = { firstId: tasks[0]?.id ?? 0, results: new Array(tasks.length), remaining: tasks.length, resolve, reject, onResult };
      for (const task of tasks) this.batchOf.set(task.id, batch);
    });
    // A caller that fires and forgets must not crash the process when a stop rejects its batch.
    promise.catch(() => {});
    this.queue.add(tasks);
    return promise;
  }

  /** Endless tasks of the current workload, made one at a time as workers are free for them. */
  startStream(): void {
    this.stream ??= new StreamSource(this.choice, this.streamTargetMs);
    this.stream.setWorkload(this.choice);
  }

  /** No more stream tasks are made; those running finish. */
  stopStream(): void {
    this.stream = null;
  }

  /** The stream's workload from the next task on (primes naive unless told). Throws RangeError for one the pool cannot run. */
  setWorkload(choice: WorkloadChoice): void {
    const problem = workloadChoiceProblem(choice);
    if (problem !== null) throw new RangeError(problem);
    this.choice = choice.workload === 'primes' ? { workload: 'primes', method: choice.method ?? 'naive' } : { workload: choice.workload };
    this.stream?.setWorkload(this.choice);
  }

  /** The task for the free worker `worker`: the queue's head, else a new stream task; undefined when there is none. */
  next(worker: number): Task | undefined {
    if (this.queue.pendingCount === 0 && this.stream !== null) {
      this.queue.add([Object.freeze({ ...this.stream.next(), id: this.nextTaskId++ })]);
    }
    return this.queue.next(worker);
  }

  /**
   * `worker` reported task `taskId` done (or failed). Counted the first time only: a result can
   * come late (its worker's exit requeued the task meanwhile) or twice (the task was re-run).
   */
  complete(worker: number, taskId: number, report: TaskReport): void {
    const task = this.queue.taskOf(taskId);
    if (!this.queue.complete(worker, taskId) || task === undefined) return;
    this.record(this.result(task, report, worker));
  }

  /** `worker` is gone: the task it held goes back to the head of the queue. Returns it. */
  requeue(worker: number): Task | null {
    return this.queue.requeue(worker) ?? null;
  }

  /** `task`'s worker crashed: at MAX_CRASHES_PER_TASK crashes it gets an error result instead of another try. */
  countCrash(task: Task): void {
    const n = (this.crashes.get(task.id) ?? 0) + 1;
    this.crashes.set(task.id, n);
    if (n < MAX_CRASHES_PER_TASK) return;
    const result = this.result(task, { value: null, error: `its worker crashed ${n} times running it`, pid: 0, cpuMs: 0, wallMs: 0 }, 0);
    if (this.queue.complete(-1, task.id)) this.record(result);
  }

  /** Queued tasks are dropped and every unfinished batch rejects with `reason` (the stream, if any, goes on). */
  abandon(reason: Error): void {
    this.queue.clearPending();
    for (const batch of new Set(this.batchOf.values())) batch.reject(reason);
    this.batchOf.clear();
  }

  private result(task: Task, report: TaskReport, workerIndex: number): TaskResult {
    const result: TaskResult = {
      taskId: task.id,
      workload: task.workload,
      arg: task.arg,
      value: report.value,
      error: report.error,
      pid: report.pid,
      workerIndex,
      cpuMs: report.cpuMs,
      wallMs: report.wallMs,
      finishedAt: this.now(),
    };
    if (task.method !== undefined) result.method = task.method;
    return result;
  }

  /** A result counted for the first time: the stream's calibration, the listener, its batch. */
  private record(result: TaskResult): void {
    Object.freeze(result);
    this.queue.forget(result.taskId);
    this.crashes.delete(result.taskId);
    const batch = this.batchOf.get(result.taskId);
    if (batch === undefined) this.stream?.observe(result);
    else this.batchOf.delete(result.taskId);
    this.recorded(result);
    if (batch === undefined) return;
    batch.onResult?.(result);
    batch.results[result.taskId - batch.firstId] = result;
    batch.remaining--;
    if (batch.remaining === 0) batch.resolve(batch.results as TaskResult[]);
  }
}
