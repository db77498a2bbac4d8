// The process pool as the rest of pooltop drives it: runs it (start, stop, kill, shutdown), passes
// tasks from the scheduler to the workers the supervisor keeps, and exposes its state as snapshots
// and events. Renders nothing.
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { readRunState } from '../platform/process-stat.js';
import type { PoolEvents, PoolOptions, SubmitOptions } from './pool-events.js';
import type { PoolPhase, PoolSnapshot } from './pool-snapshot.js';
import { PoolStats } from './pool-stats.js';
import type { TaskResult, TaskSpec, WorkloadChoice } from './task.js';
import { TaskScheduler } from './task-scheduler.js';
import { defaultWorkerPath } from './worker-path.js';
import type { SignalOutcome } from './worker-signal.js';
import { WorkerSupervisor } from './worker-supervisor.js';

export const MAX_WORKERS = 256;

export type { PoolEvents, PoolOptions, SubmitOptions } from './pool-events.js';

export class PoolManager extends EventEmitter<PoolEvents> {
  private phase: PoolPhase = 'idle';
  private readonly stats = new PoolStats();
  private readonly scheduler = new TaskScheduler((result) => this.recorded(result));
  private readonly supervisor = new WorkerSupervisor(
    this,
    {
      ready: () => {
        this.dispatch();
        this.settleReady();
        this.changed();
      },
      finished: (worker, taskId, report) => {
        this.scheduler.complete(worker.index, taskId, report);
        this.dispatch();
        this.changed();
      },
      lost: (worker) => this.scheduler.requeue(worker.index),
      crashed: (task) => this.scheduler.countCrash(task),
      gaveUp: (failure) => {
        this.failReadyWaiters(failure);
        // With no worker left, nothing would ever run the tasks queued: their batches fail with the cause.
        if (this.supervisor.size === 0) this.scheduler.abandon(failure);
      },
      exited: () => {
        this.settleReady();
        this.dispatch();
        this.checkStopped();
        this.changed();
      },
      changed: () => this.changed(),
    },
    this.stats,
  );
  private pollMs = 500;
  private stopGraceMs = 2000;
  private pollTimer: NodeJS.Timeout | null = null;
  private graceTimer: NodeJS.Timeout | null = null;
  private readyWaiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  private stopWaiters: Array<() => void> = [];
  private changeQueued = false;
  private readonly onProcessExit = (): void => this.shutdown();
  private readonly nextTask = (index: number) => this.scheduler.next(index);

  /**
   * Starts `n` workers (1 … 256) and resolves when all of them are ready. Throws if the pool is
   * running or the worker is not built. A stopped pool can be started again: counters restart.
   */
  start(n: number, options: PoolOptions = {}): Promise<void> {
    if (this.phase === 'running' || this.phase === 'stopping') {
      return Promise.reject(new Error('the pool is already running'));
    }
    if (!Number.isInteger(n) || n < 1 || n > MAX_WORKERS) {
      return Promise.reject(new RangeError(`a pool needs 1 to ${MAX_WORKERS} workers (got ${String(n)})`));
    }
    const workerPath = options.workerPath ?? defaultWorkerPath();
    if (!existsSync(workerPath)) {
      return Promise.reject(new Error(`the pool worker is not built (${workerPath} is missing): run npm run build`));
    }
    this.pollMs = options.pollMs ?? 500;
    this.stopGraceMs = options.stopGraceMs ?? 2000;
    this.supervisor.reset({
      workerPath,
      trap: options.trap ?? false,
      // Without a readable /proc (not Linux, or a container without it) every worker would look
      // unrunnable: the check is only made where our own /proc entry can be read.
      procCheck: (options.procCheck ?? process.platform === 'linux') && readRunState(process.pid) !== null,
      parentDeathSignal: options.parentDeathSignal ?? true,
    });
    this.scheduler.reset(options.streamTargetMs ?? 1000);
    this.stats.start(Date.now(), options.latestLimit ?? 50);
    this.phase = 'running';
    process.on('exit', this.onProcessExit);
    if (this.pollMs > 0) {
      this.pollTimer = setInterval(() => this.poll(), this.pollMs);
      this.pollTimer.unref();
    }
    if (options.stream) this.startStream(options.stream === true ? undefined : options.stream);
    for (let i = 0; i < n; i++) this.supervisor.spawn();
    this.changed();
    return this.whenReady();
  }

  /** Resolves when no worker is still starting (rejects if workers keep dying at start). */
  whenReady(): Promise<void> {
    if (this.phase !== 'running' || !this.supervisor.starting) return Promise.resolve();
    return new Promise((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
  }

  /**
   * One more worker (trap mode as the pool's unless given): resolves with its PID once forked;
   * rejects with why not — no pool running, the limit, or the system's answer to fork (EMFILE…).
   */
  addWorker(options: { trap?: boolean } = {}): Promise<number> {
    if (this.phase !== 'running') return Promise.reject(new Error('no pool running'));
    if (this.supervisor.size >= MAX_WORKERS) return Promise.reject(new RangeError(`the pool has ${MAX_WORKERS} workers, the most it takes`));
    return new Promise((resolve, reject) => {
      const worker = this.supervisor.spawn(options.trap, (cause) => reject(new Error(cause)));
      this.changed();
      if (worker !== null) resolve(worker.pid);
    });
  }

  /**
   * Retires the newest worker, preferring an idle one (it exits at once), then a busy one (it
   * finishes its current task, whose result counts, then exits), then a paused one (resumed so it
   * can finish and leave). Returns its PID, or null when there is none to retire.
   */
  removeWorker(): number | null {
    return this.supervisor.retireOne();
  }

  /** SIGSTOP every worker; returns how many were stopped. */
  pauseAll(): number {
    return this.supervisor.pauseAll();
  }

  /** SIGCONT every worker; returns how many were continued. */
  resumeAll(): number {
    const n = this.supervisor.resumeAll();
    this.dispatch();
    return n;
  }

  pauseWorker(pid: number): SignalOutcome {
    return this.supervisor.pauseWorker(pid);
  }

  resumeWorker(pid: number): SignalOutcome {
    const outcome = this.supervisor.resumeWorker(pid);
    if (outcome !== 'not-a-worker') this.dispatch();
    return outcome;
  }

  /**
   * The UI sent `signal` (name like "SIGSTOP" or "STOP") to `pid` through its general signal menu:
   * a stop marks the worker paused, a continue makes it available again. Returns whether `pid`
   * is one of this pool's workers.
   */
  noteSignal(pid: number, signal: string): boolean {
    const noted = this.supervisor.noteSignal(pid, signal);
    if (noted === null) return false;
    if (noted === 'resumed') this.dispatch();
    this.changed();
    return true;
  }

  /**
   * SIGTERM to every worker (SIGCONT too, so a paused one acts on it) and to every family task's
   * child still running: nothing new is handed out,
   * queued tasks are dropped and unfinished batches reject. Workers still there after the grace
   * period (trap-mode ones ignore SIGTERM) get SIGKILL. Resolves when every worker has exited.
   */
  stop(): Promise<void> {
    if (this.phase === 'idle' || this.phase === 'stopped') return Promise.resolve();
    if (this.phase === 'running') {
      this.beginStopping(new Error('the pool was stopped'));
      this.supervisor.endAll();
      this.graceTimer = setTimeout(() => this.killAll(), this.stopGraceMs);
      this.graceTimer.unref();
      this.changed();
    }
    return this.whenStopped();
  }

  /** SIGKILL every worker and every family task's child now, and resolve when all workers have exited. */
  kill(): Promise<void> {
    if (this.phase === 'idle' || this.phase === 'stopped') {
      this.supervisor.killChildren();
      return Promise.resolve();
    }
    if (this.phase === 'running') this.beginStopping(new Error('the pool was killed'));
    this.killAll();
    return this.whenStopped();
  }

  /**
   * Synchronous, idempotent last resort for every exit path (also a process 'exit' handler): each
   * live worker and each family task's child still running (orphans too) gets SIGKILL, timers
   * stop. It does not wait; workers that were SIGSTOPped die too.
   */
  shutdown(): void {
    if (this.phase === 'idle' || this.phase === 'stopped') {
      // A child can outlive its pool run (one a stop's SIGTERM did not end): signalled whatever the phase.
      this.supervisor.killChildren();
      return;
    }
    if (this.phase === 'running') this.beginStopping(new Error('the pool was shut down'));
    this.killAll();
  }

  /**
   * Queues a batch (tasks are validated first) and resolves with every result in submission order,
   * like Pool.map; `onResult` and the 'result' event give them in arrival order. Rejects if the
   * pool is not running or is stopped before the batch completes.
   */
  submit(specs: readonly TaskSpec[], options: SubmitOptions = {}): Promise<TaskResult[]> {
    if (this.phase !== 'running') return Promise.reject(new Error('the pool is not running'));
    let batch: Promise<TaskResult[]>;
    try {
      batch = this.scheduler.submit(specs, options.onResult);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    if (specs.length > 0) {
      this.dispatch();
      this.changed();
    }
    return batch;
  }

  /** Endless tasks of about streamTargetMs each (default primes, naive) until stopStream or stop. */
  startStream(choice?: WorkloadChoice): void {
    if (choice !== undefined) this.setWorkload(choice);
    if (this.phase !== 'running') return;
    this.scheduler.startStream();
    this.dispatch();
    this.changed();
  }

  /** No more stream tasks are made; those running finish. */
  stopStream(): void {
    this.scheduler.stopStream();
    this.changed();
  }

  /** The stream's workload from the next task on. Throws RangeError for an unknown one. */
  setWorkload(choice: WorkloadChoice): void {
    this.scheduler.setWorkload(choice);
    this.changed();
  }

  get state(): PoolPhase {
    return this.phase;
  }

  /** PIDs of the live workers, in index order. */
  workerPids(): number[] {
    return this.supervisor.pids();
  }

  isWorker(pid: number): boolean {
    return this.supervisor.isWorker(pid);
  }

  /** A family task's child the pool still sees running (orphans too): pooltop started it. */
  isTaskChild(pid: number): boolean {
    return this.supervisor.isTaskChild(pid);
  }

  snapshot(now = Date.now()): PoolSnapshot {
    return this.stats.snapshot(
      {
        phase: this.phase,
        workers: this.supervisor.snapshots(),
        cpu: this.supervisor.cpus(),
        workload: this.scheduler.workload,
        pending: this.scheduler.pending,
        inFlight: this.scheduler.inFlight,
        children: this.supervisor.childSnapshots(),
      },
      now,
    );
  }

  /** Hands a task to each worker free for one, as long as there are tasks. */
  private dispatch(): void {
    if (this.phase === 'running') this.supervisor.handOut(this.nextTask);
  }

  /** A result counted for the first time: its worker's count, the totals, listeners. */
  private recorded(result: TaskResult): void {
    this.supervisor.credit(result.workerIndex);
    this.stats.record(result);
    this.emit('result', result);
  }

  /** Each poll: /proc for every worker and child, then tasks for any worker that became free. */
  private poll(): void {
    const changed = this.supervisor.look();
    this.dispatch();
    if (changed) this.changed();
  }

  private killAll(): void {
    if (this.graceTimer !== null) clearTimeout(this.graceTimer);
    this.graceTimer = null;
    this.supervisor.killAll();
    this.changed();
  }

  private beginStopping(reason: Error): void {
    this.phase = 'stopping';
    this.scheduler.stopStream();
    this.scheduler.abandon(reason);
    this.failReadyWaiters(reason);
    if (this.pollTimer !== null) clearInterval(this.pollTimer);
    this.pollTimer = null;
    this.checkStopped();
  }

  private checkStopped(): void {
    if (this.phase !== 'stopping' || this.supervisor.size > 0) return;
    this.phase = 'stopped';
    this.stats.stop(Date.now());
    if (this.graceTimer !== null) clearTimeout(this.graceTimer);
    this.graceTimer = null;
    process.off('exit', this.onProcessExit);
    const waiters = this.stopWaiters;
    this.stopWaiters = [];
    for (const resolve of waiters) resolve();
    this.changed();
  }

  private whenStopped(): Promise<void> {
    if (this.phase === 'stopped' || this.phase === 'idle') return Promise.resolve();
    return new Promise((resolve) => this.stopWaiters.push(resolve));
  }

  private settleReady(): void {
    if (this.readyWaiters.length === 0) return;
    if (this.phase === 'running' && this.supervisor.starting) return;
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const w of waiters) w.resolve();
  }

  private failReadyWaiters(error: Error): void {
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const w of waiters) w.reject(error);
  }

  private changed(): void {
    if (this.changeQueued) return;
    this.changeQueued = true;
    queueMicrotask(() => {
      this.changeQueued = false;
      this.emit('change');
    });
  }
}
