// The process pool: starts and replaces workers, hands out tasks one at a time, signals workers,
// and exposes its state as snapshots and events. Renders nothing.
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { isEndedState, isStoppedState, readRunState } from '../platform/process-stat.js';
import type { PoolPhase, PoolSnapshot, WorkerSnapshot, WorkerState } from './pool-snapshot.js';
import { cpuMsOf, PoolStats } from './pool-stats.js';
import type { PoolEvents, PoolOptions, SubmitOptions } from './pool-events.js';
import { StreamSource } from './stream-source.js';
import type { Task, TaskResult, TaskSpec, WorkloadChoice } from './task.js';
import { TaskQueue } from './task-queue.js';
import { defaultWorkerPath } from './worker-path.js';
import { parseFromWorker, workerArgv, type CpuTotals, type FromWorker, type ToWorker } from './worker-protocol.js';
import { parentDeathLauncher } from './parent-death-signal.js';
import { signalChild, type SignalOutcome } from './worker-signal.js';
import { TaskChildren, type ChildSweep, type TaskChild } from './task-children.js';
import { exitText, spawnErrorText } from './worker-failure.js';
import { isWorkloadName, taskSpecProblem } from './workloads.js';

export const MAX_WORKERS = 256;

export type { ChildExit, DispatchInfo, PoolEvents, PoolOptions, SubmitOptions, TaskChild, TrapReport, WorkerExit } from './pool-events.js';

type Lifecycle = 'starting' | 'idle' | 'busy' | 'exiting' | 'exited';

interface WorkerRecord {
  index: number;
  pid: number;
  child: ChildProcess;
  trap: boolean;
  life: Lifecycle;
  /** Why it is paused: the pool (or the UI via noteSignal) stopped it, or /proc shows it stopped. */
  pausedBy: 'pool' | 'proc' | null;
  pausedAt: number;
  retiring: boolean;
  task: Task | null;
  taskSince: number | null;
  tasksDone: number;
  usage: CpuTotals;
  procCpuMs: number;
  procState: string | null;
  stderr: string;
  startedAt: number;
  /** The child its family task started and is waiting for. */
  taskChild: { pid: number; since: number } | null;
}

interface Batch {
  /** Ids of a batch are consecutive from this one: a result's position is id − firstId. */
  firstId: number;
  results: (TaskResult | undefined)[];
  remaining: number;
  resolve: (results: TaskResult[]) => void;
  reject: (error: Error) => void;
  onResult: ((result: TaskResult) => void) | undefined;
}

/** A stop by signal from outside can take a moment to show in /proc: trust the pool's mark this long. */
const PAUSE_TRUST_MS = 1000;
/** Workers that die before saying ready this many times in a row are not replaced again. */
const MAX_EARLY_EXITS = 3;
/** A task whose worker crashed (exited with an error code, not by a signal) this often fails. */
const MAX_CRASHES_PER_TASK = 3;
const STOP_SIGNALS = new Set(['SIGSTOP', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU']);

export class PoolManager extends EventEmitter<PoolEvents> {
  private phase: PoolPhase = 'idle';
  private readonly workers = new Map<number, WorkerRecord>();
  private queue = new TaskQueue<Task, TaskResult>();
  private stream: StreamSource | null = null;
  private streamChoice: WorkloadChoice = { workload: 'primes', method: 'naive' };
  private readonly batchOf = new Map<number, Batch>();
  private readonly crashes = new Map<number, number>();
  /** Family tasks' children, orphans included: kept across runs until they are gone, so none outlives pooltop. */
  private readonly children = new TaskChildren();
  private nextTaskId = 1;
  private nextIndex = 1;
  private trapDefault = false;
  private workerPath = '';
  private pollMs = 500;
  private stopGraceMs = 2000;
  private procCheck = process.platform === 'linux';
  private parentDeathSignal = true;
  private streamTargetMs = 1000;
  private readonly stats = new PoolStats();
  private earlyExits = 0;
  private pollTimer: NodeJS.Timeout | null = null;
  private graceTimer: NodeJS.Timeout | null = null;
  private readyWaiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  private stopWaiters: Array<() => void> = [];
  private changeQueued = false;
  private readonly onProcessExit = (): void => this.shutdown();

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
    this.workerPath = workerPath;
    this.trapDefault = options.trap ?? false;
    this.pollMs = options.pollMs ?? 500;
    this.stopGraceMs = options.stopGraceMs ?? 2000;
    // Without a readable /proc (not Linux, or a container without it) every worker would look
    // unrunnable: the check is only made where our own /proc entry can be read.
    this.procCheck = (options.procCheck ?? process.platform === 'linux') && readRunState(process.pid) !== null;
    this.parentDeathSignal = options.parentDeathSignal ?? true;
    this.streamTargetMs = options.streamTargetMs ?? 1000;
    this.resetRun();
    this.stats.start(Date.now(), options.latestLimit ?? 50);
    this.phase = 'running';
    process.on('exit', this.onProcessExit);
    if (this.pollMs > 0) {
      this.pollTimer = setInterval(() => this.poll(), this.pollMs);
      this.pollTimer.unref();
    }
    if (options.stream) this.startStream(options.stream === true ? undefined : options.stream);
    for (let i = 0; i < n; i++) this.spawnWorker(this.trapDefault);
    this.changed();
    return this.whenReady();
  }

  /** Resolves when no worker is still starting (rejects if workers keep dying at start). */
  whenReady(): Promise<void> {
    if (this.phase !== 'running' || ![...this.workers.values()].some((w) => w.life === 'starting')) {
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
  }

  /**
   * One more worker (trap mode as the pool's unless given): resolves with its PID once forked;
   * rejects with why not — no pool running, the limit, or the system's answer to fork (EMFILE…).
   */
  addWorker(options: { trap?: boolean } = {}): Promise<number> {
    if (this.phase !== 'running') return Promise.reject(new Error('no pool running'));
    if (this.workers.size >= MAX_WORKERS) return Promise.reject(new RangeError(`the pool has ${MAX_WORKERS} workers, the most it takes`));
    return new Promise((resolve, reject) => {
      const record = this.spawnWorker(options.trap ?? this.trapDefault, (cause) => reject(new Error(cause)));
      this.changed();
      if (record !== null) resolve(record.pid);
    });
  }

  /**
   * Retires the newest worker, preferring an idle one (it exits at once), then a busy one (it
   * finishes its current task, whose result counts, then exits), then a paused one (resumed so it
   * can finish and leave). Returns its PID, or null when there is none to retire.
   */
  removeWorker(): number | null {
    const live = [...this.workers.values()].filter((w) => !w.retiring && w.life !== 'exiting' && w.life !== 'exited');
    const rank = (w: WorkerRecord): number => (w.pausedBy !== null ? 2 : w.life === 'busy' ? 1 : 0);
    live.sort((a, b) => rank(a) - rank(b) || b.index - a.index);
    const record = live[0];
    if (record === undefined) return null;
    record.retiring = true;
    if (record.pausedBy !== null) this.resume(record);
    if (record.life === 'idle') this.sendTo(record, { type: 'retire' });
    this.changed();
    return record.pid;
  }

  /** SIGSTOP every worker; returns how many were stopped. */
  pauseAll(): number {
    let n = 0;
    for (const record of this.liveRecords()) if (this.pause(record) === 'sent') n++;
    return n;
  }

  /** SIGCONT every worker; returns how many were continued. */
  resumeAll(): number {
    let n = 0;
    for (const record of this.liveRecords()) if (this.resume(record) === 'sent') n++;
    this.dispatch();
    return n;
  }

  pauseWorker(pid: number): SignalOutcome {
    const record = this.recordOf(pid);
    return record === undefined ? 'not-a-worker' : this.pause(record);
  }

  resumeWorker(pid: number): SignalOutcome {
    const record = this.recordOf(pid);
    if (record === undefined) return 'not-a-worker';
    const outcome = this.resume(record);
    this.dispatch();
    return outcome;
  }

  /**
   * The UI sent `signal` (name like "SIGSTOP" or "STOP") to `pid` through its general signal menu:
   * a stop marks the worker paused, a continue makes it available again. Returns whether `pid`
   * is one of this pool's workers.
   */
  noteSignal(pid: number, signal: string): boolean {
    const record = this.recordOf(pid);
    if (record === undefined) return false;
    const upper = signal.toUpperCase();
    const name = upper.startsWith('SIG') ? upper : `SIG${upper}`;
    if (STOP_SIGNALS.has(name)) {
      record.pausedBy = 'pool';
      record.pausedAt = Date.now();
    } else if (name === 'SIGCONT') {
      record.pausedBy = null;
      this.dispatch();
    }
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
      this.children.signalAll('SIGTERM');
      for (const record of this.liveRecords()) {
        this.signal(record, 'SIGTERM');
        if (record.pausedBy !== null || record.procState === 'T') this.signal(record, 'SIGCONT');
        record.life = 'exiting';
      }
      this.graceTimer = setTimeout(() => this.killAll(), this.stopGraceMs);
      this.graceTimer.unref();
      this.changed();
    }
    return this.whenStopped();
  }

  /**
   * SIGKILL every worker now and resolve when all have exited. The only children a worker has are
   * its family tasks' children, which the pool remembers by PID and start time and signals too:
   * tree-kill would only add a `ps` run per worker, and miss the orphans.
   */
  kill(): Promise<void> {
    if (this.phase === 'idle' || this.phase === 'stopped') {
      this.children.signalAll('SIGKILL');
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
      this.children.signalAll('SIGKILL');
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
    for (const [i, spec] of specs.entries()) {
      const problem = taskSpecProblem(spec);
      if (problem !== null) return Promise.reject(new RangeError(`task ${i}: ${problem}`));
    }
    if (specs.length === 0) return Promise.resolve([]);
    const tasks = specs.map((spec): Task => {
      const task: Task = { id: this.nextTaskId++, workload: spec.workload, arg: spec.arg };
      if (spec.method !== undefined) task.method = spec.method;
      // Tasks and results are shared with every snapshot and listener: frozen, so none can edit them.
      return Object.freeze(task);
    });
    const promise = new Promise<TaskResult[]>((resolve, reject) => {
      const batch: Batch = { firstId: tasks[0]?.id ?? 0, results: new Array(tasks.length), remaining: tasks.length, resolve, reject, onResult: options.onResult };
      tasks.forEach((task) => this.batchOf.set(task.id, batch));
    });
    // A caller that fires and forgets must not crash the process when a stop rejects its batch.
    promise.catch(() => {});
    this.queue.add(tasks);
    this.dispatch();
    this.changed();
    return promise;
  }

  /** Endless tasks of about streamTargetMs each (default primes, naive) until stopStream or stop. */
  startStream(choice?: WorkloadChoice): void {
    if (choice !== undefined) this.setWorkload(choice);
    if (this.phase !== 'running') return;
    this.stream ??= new StreamSource(this.streamChoice, this.streamTargetMs);
    this.stream.setWorkload(this.streamChoice);
    this.dispatch();
    this.changed();
  }

  /** No more stream tasks are made; those running finish. */
  stopStream(): void {
    this.stream = null;
    this.changed();
  }

  /** The stream's workload from the next task on. Throws RangeError for an unknown one. */
  setWorkload(choice: WorkloadChoice): void {
    if (!isWorkloadName(choice.workload)) throw new RangeError(`unknown workload ${JSON.stringify(String(choice.workload))}`);
    if (choice.method !== undefined && (choice.workload !== 'primes' || (choice.method !== 'naive' && choice.method !== 'sqrt'))) {
      throw new RangeError(`method ${JSON.stringify(String(choice.method))} does not apply to ${choice.workload}`);
    }
    this.streamChoice = choice.workload === 'primes' ? { workload: 'primes', method: choice.method ?? 'naive' } : { workload: choice.workload };
    this.stream?.setWorkload(this.streamChoice);
    this.changed();
  }

  get state(): PoolPhase {
    return this.phase;
  }

  /** PIDs of the live workers, in index order. */
  workerPids(): number[] {
    return this.liveRecords().map((w) => w.pid);
  }

  isWorker(pid: number): boolean {
    return this.recordOf(pid) !== undefined;
  }

  /** A family task's child the pool still sees running (orphans too): pooltop started it. */
  isTaskChild(pid: number): boolean {
    return this.children.has(pid);
  }

  snapshot(now = Date.now()): PoolSnapshot {
    const workers = this.liveRecords().map((w): WorkerSnapshot => ({
      index: w.index,
      pid: w.pid,
      state: this.visibleState(w),
      task: w.task,
      taskSince: w.taskSince,
      tasksDone: w.tasksDone,
      cpuMs: cpuMsOf(w),
      trap: w.trap,
      procState: w.procState,
      startedAt: w.startedAt,
      child: w.taskChild,
    }));
    return this.stats.snapshot(
      {
        phase: this.phase,
        workers,
        cpu: [...this.workers.values()],
        workload: this.stream !== null ? this.streamChoice : null,
        pending: this.queue.pendingCount,
        inFlight: this.queue.inFlightCount,
        children: this.children.list().map(({ pid, command, workerIndex, workerPid, orphaned, ppid, since }) => ({
          pid,
          command,
          workerIndex,
          workerPid,
          orphaned,
          ppid,
          since,
        })),
      },
      now,
    );
  }

  // ——— workers ———

  /** Forks a worker; when that fails, `failed` hears why (at once, or on the next tick: see below). */
  private spawnWorker(trap: boolean, failed: (cause: string) => void = (cause) => this.emit('problem', `could not start a worker: ${cause}`)): WorkerRecord | null {
    const index = this.nextIndex++;
    let child: ChildProcess;
    try {
      // No `detached`: workers stay in pooltop's process group, so the terminal's job control and
      // the orphaned-process-group rule (SIGHUP + SIGCONT when pooltop dies) reach them. Started
      // through setpriv where there is one, the kernel also SIGKILLs them when pooltop dies, even
      // paused (see parent-death-signal.ts), and its family children get the same signal for its death.
      const launcher = this.parentDeathSignal ? parentDeathLauncher() : null;
      child = fork(this.workerPath, workerArgv({ index, parentPid: process.pid, trap, childDeathSignal: launcher !== null }), {
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        // The worker is plain compiled JS: none of the parent's loaders or flags (tsx, --test).
        execArgv: launcher ? launcher.execArgv : [],
        ...(launcher ? { execPath: launcher.execPath } : {}),
        serialization: 'json',
      });
    } catch (error) {
      failed(spawnErrorText(error));
      return null;
    }
    const pid = child.pid;
    if (pid === undefined) {
      // Node reports EMFILE, ENFILE, EAGAIN, EACCES and ENOENT from fork this way, on the next tick.
      child.once('error', (error) => failed(spawnErrorText(error)));
      return null;
    }
    const record: WorkerRecord = {
      index,
      pid,
      child,
      trap,
      life: 'starting',
      pausedBy: null,
      pausedAt: 0,
      retiring: false,
      task: null,
      taskSince: null,
      tasksDone: 0,
      usage: { userUs: 0, systemUs: 0 },
      procCpuMs: 0,
      procState: null,
      stderr: '',
      startedAt: Date.now(),
      taskChild: null,
    };
    this.workers.set(index, record);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      record.stderr = (record.stderr + chunk).slice(-2000);
    });
    child.on('message', (message) => this.onMessage(record, message));
    child.on('exit', (code, signal) => this.onExit(record, code, signal));
    // Send failures on a closing channel: the 'exit' that follows puts the task back.
    child.on('error', () => {});
    this.emit('worker-start', { index, pid, trap });
    return record;
  }

  private onMessage(record: WorkerRecord, raw: unknown): void {
    const message = parseFromWorker(raw);
    if (message === null || message.pid !== record.pid) return;
    switch (message.type) {
      case 'ready':
        this.updateUsage(record, message.usage);
        if (record.life !== 'starting') return;
        record.life = 'idle';
        this.earlyExits = 0;
        if (record.retiring || this.phase !== 'running') this.sendTo(record, { type: 'retire' });
        this.dispatch();
        this.settleReady();
        this.changed();
        return;
      case 'result':
      case 'failed':
        this.updateUsage(record, message.usage);
        this.finish(record, message);
        return;
      case 'trapped':
        this.emit('trapped', { index: record.index, pid: record.pid, signal: message.signal });
        return;
      case 'child-start':
        this.onChildStart(record, message);
        return;
      case 'child-exit': {
        if (record.taskChild?.pid === message.childPid) record.taskChild = null;
        const child = this.children.end(message.childPid, record.pid);
        if (child !== null) this.emit('child-exit', { child, code: message.code, signal: message.signal });
        this.changed();
        return;
      }
    }
  }

  /** A family task's child, remembered once /proc confirms the worker reported its own child. */
  private onChildStart(record: WorkerRecord, message: Extract<FromWorker, { type: 'child-start' }>): void {
    const reaped = record.life === 'exited';
    const child = this.children.add(
      {
        pid: message.childPid,
        startTicks: message.startTicks,
        command: message.command,
        workerIndex: record.index,
        workerPid: record.pid,
        taskId: message.taskId,
        diesWithWorker: message.diesWithWorker,
      },
      reaped,
    );
    if (child === null) return;
    if (!reaped) record.taskChild = { pid: child.pid, since: child.since };
    this.emit('child-start', child);
    // A report read after its worker died (IPC data outlives the writer): an orphan already.
    if (child.ppid !== record.pid) this.reportSweep([]);
    this.changed();
  }

  /** Tells of children gone or orphaned since the last look; `told` were already in a 'worker-exit'. */
  private reportSweep(told: readonly TaskChild[], sweep = this.sweepChildren()): void {
    for (const child of sweep.gone) this.emit('child-exit', { child, code: null, signal: null });
    for (const child of sweep.killedWithWorker) this.emit('child-exit', { child, code: null, signal: 'SIGKILL' });
    for (const child of [...told, ...sweep.orphaned]) this.emit('child-orphaned', { child, withWorkerExit: told.includes(child) });
    if (sweep.gone.length + sweep.killedWithWorker.length + sweep.orphaned.length > 0) this.changed();
  }

  /** One look at the children; the exit of one whose worker lives is left for that worker to tell. */
  private sweepChildren(): ChildSweep {
    return this.children.sweep((child) => this.recordOf(child.workerPid) !== undefined);
  }

  private finish(record: WorkerRecord, message: Extract<FromWorker, { type: 'result' | 'failed' }>): void {
    // A result can outrun the bookkeeping (it arrives after its worker's 'exit' requeued the task).
    const task = record.task?.id === message.taskId ? record.task : (this.queue.taskOf(message.taskId) ?? null);
    if (record.task?.id === message.taskId) {
      record.task = null;
      record.taskSince = null;
      if (record.life === 'busy') record.life = 'idle';
    }
    if (task !== null) {
      const result: TaskResult = {
        taskId: message.taskId,
        workload: task.workload,
        arg: task.arg,
        value: message.type === 'result' ? message.value : null,
        error: message.type === 'failed' ? message.error : null,
        pid: record.pid,
        workerIndex: record.index,
        cpuMs: message.cpuMs,
        wallMs: message.wallMs,
        finishedAt: Date.now(),
      };
      if (task.method !== undefined) result.method = task.method;
      if (this.queue.complete(record.index, message.taskId, result)) {
        record.tasksDone++;
        this.record(result);
      }
    }
    if (record.life === 'idle' && (record.retiring || this.phase !== 'running')) this.sendTo(record, { type: 'retire' });
    this.dispatch();
    this.changed();
  }

  /** A result counted for the first time: summary, stream calibration, batch, listeners. */
  private record(result: TaskResult): void {
    Object.freeze(result);
    this.stats.record(result);
    // The pool keeps its own arrival list (latest) and batch order: the queue need not hold them.
    this.queue.takeArrived();
    this.queue.forget(result.taskId);
    this.crashes.delete(result.taskId);
    const batch = this.batchOf.get(result.taskId);
    if (batch === undefined) this.stream?.observe(result);
    else this.batchOf.delete(result.taskId);
    this.emit('result', result);
    if (batch !== undefined) this.settleBatch(batch, result);
  }

  private onExit(record: WorkerRecord, code: number | null, signal: NodeJS.Signals | null): void {
    const wasStarting = record.life === 'starting';
    record.life = 'exited';
    this.workers.delete(record.index);
    this.stats.retire(record);
    const requeued = this.queue.requeue(record.index) ?? null;
    record.task = null;
    record.taskChild = null;
    // The kernel re-parented the worker's children (and sent those with a parent-death signal
    // SIGKILL) before its exit was reaped: look now, so the exit and what became of its child are
    // told together. A look between the kill and the reaping (the poll's) may have found an orphan
    // first: the exit names those too.
    const sweep = this.sweepChildren();
    const newlyOrphaned = sweep.orphaned.filter((c) => c.workerPid === record.pid);
    sweep.orphaned = sweep.orphaned.filter((c) => c.workerPid !== record.pid);
    const orphans = this.children.list().filter((c) => c.workerPid === record.pid && c.orphaned);
    const killedWith = sweep.killedWithWorker.filter((c) => c.workerPid === record.pid);
    const expected = record.retiring || this.phase !== 'running';
    let replacedBy: number | null = null;
    if (!expected) {
      if (wasStarting) this.earlyExits++;
      if (this.earlyExits >= MAX_EARLY_EXITS) {
        const failure = new Error(`workers died as they started, ${this.earlyExits} in a row (the last ${exitText(code, signal, record.stderr)})`);
        this.emit('problem', `${failure.message}; not starting more`);
        this.failReadyWaiters(failure);
        // With no worker left, nothing would ever run the tasks queued: their batches fail with the cause.
        if (this.workers.size === 0) this.abandonBatches(failure);
      } else {
        const replacement = this.spawnWorker(record.trap);
        if (replacement !== null) {
          replacedBy = replacement.index;
          this.stats.replacement();
        }
      }
    }
    if (requeued !== null && signal === null && code !== 0) this.countCrash(requeued);
    this.emit('worker-exit', {
      index: record.index,
      pid: record.pid,
      code,
      signal,
      requeued,
      replacedBy,
      expected,
      stderr: record.stderr,
      ...(orphans.length > 0 ? { orphans } : {}),
      ...(killedWith.length > 0 ? { killedWith } : {}),
    });
    this.reportSweep(newlyOrphaned, sweep);
    this.settleReady();
    this.dispatch();
    this.checkStopped();
    this.changed();
  }

  /** A task that crashed its worker MAX_CRASHES_PER_TASK times gets an error result instead of another try. */
  private countCrash(task: Task): void {
    const n = (this.crashes.get(task.id) ?? 0) + 1;
    this.crashes.set(task.id, n);
    if (n < MAX_CRASHES_PER_TASK) return;
    const result: TaskResult = {
      taskId: task.id,
      workload: task.workload,
      arg: task.arg,
      value: null,
      error: `its worker crashed ${n} times running it`,
      pid: 0,
      workerIndex: 0,
      cpuMs: 0,
      wallMs: 0,
      finishedAt: Date.now(),
    };
    if (task.method !== undefined) result.method = task.method;
    if (this.queue.complete(-1, task.id, result)) this.record(result);
  }

  // ——— dispatch ———

  /** Hands the head task to each idle, unpaused worker, one task per worker. */
  private dispatch(): void {
    if (this.phase !== 'running') return;
    for (const record of this.workers.values()) {
      if (record.life !== 'idle' || record.pausedBy !== null || record.retiring) continue;
      if (this.procCheck && !this.runnableNow(record)) continue;
      if (this.queue.pendingCount === 0 && this.stream !== null) {
        const spec = this.stream.next();
        this.queue.add([Object.freeze({ ...spec, id: this.nextTaskId++ })]);
      }
      const task = this.queue.next(record.index);
      if (task === undefined) return;
      record.life = 'busy';
      record.task = task;
      record.taskSince = Date.now();
      this.sendTo(record, { type: 'task', task });
      this.emit('dispatch', { task, workerIndex: record.index, pid: record.pid });
      this.changed();
    }
  }

  /** /proc agrees the worker can run a task now; a stopped one is marked paused (by 'proc'). */
  private runnableNow(record: WorkerRecord): boolean {
    const proc = readRunState(record.pid);
    // /proc works (checked at start), so no entry means the worker is gone: its 'exit' is coming.
    if (proc === null) return false;
    record.procState = proc.state;
    record.procCpuMs = Math.max(record.procCpuMs, proc.cpuMs);
    if (isStoppedState(proc.state)) {
      record.pausedBy = 'proc';
      record.pausedAt = Date.now();
      this.changed();
      return false;
    }
    return !isEndedState(proc.state);
  }

  private sendTo(record: WorkerRecord, message: ToWorker): void {
    if (!record.child.connected) return;
    record.child.send(message, (error) => {
      // The channel closed under us: the worker is exiting, and its 'exit' requeues the task.
      if (error) record.stderr = `${record.stderr}\n(send failed: ${error.message})`.slice(-2000);
    });
  }

  // ——— signals ———

  private pause(record: WorkerRecord): SignalOutcome {
    const outcome = this.signal(record, 'SIGSTOP');
    if (outcome === 'sent') {
      record.pausedBy = 'pool';
      record.pausedAt = Date.now();
      this.changed();
    }
    return outcome;
  }

  private resume(record: WorkerRecord): SignalOutcome {
    const outcome = this.signal(record, 'SIGCONT');
    if (outcome === 'sent') {
      record.pausedBy = null;
      this.changed();
    }
    return outcome;
  }

  private signal(record: WorkerRecord, signal: NodeJS.Signals): SignalOutcome {
    // Only a record of this pool reaches here, and signalChild refuses a reaped (reusable) PID.
    if (this.workers.get(record.index) !== record) return 'gone';
    return signalChild(record.child, signal);
  }

  private killAll(): void {
    if (this.graceTimer !== null) clearTimeout(this.graceTimer);
    this.graceTimer = null;
    // Children first: by PID and start time, whether their worker is alive or they are orphans.
    this.children.signalAll('SIGKILL');
    for (const record of this.liveRecords()) {
      this.signal(record, 'SIGKILL');
      record.life = 'exiting';
    }
    this.changed();
  }

  // ——— lifecycle ———

  private beginStopping(reason: Error): void {
    this.phase = 'stopping';
    this.stream = null;
    this.abandonBatches(reason);
    this.failReadyWaiters(reason);
    if (this.pollTimer !== null) clearInterval(this.pollTimer);
    this.pollTimer = null;
    this.checkStopped();
  }

  /** Queued tasks are dropped and every unfinished batch rejects with `reason`. */
  private abandonBatches(reason: Error): void {
    this.queue.clearPending();
    for (const batch of new Set(this.batchOf.values())) batch.reject(reason);
    this.batchOf.clear();
  }

  private checkStopped(): void {
    if (this.phase !== 'stopping' || this.workers.size > 0) return;
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
    if (this.phase === 'running' && [...this.workers.values()].some((w) => w.life === 'starting')) return;
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const w of waiters) w.resolve();
  }

  private failReadyWaiters(error: Error): void {
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const w of waiters) w.reject(error);
  }

  private resetRun(): void {
    this.queue = new TaskQueue<Task, TaskResult>();
    this.stream = null;
    this.batchOf.clear();
    this.crashes.clear();
    this.nextIndex = 1;
    this.earlyExits = 0;
  }

  /** Reads /proc for each worker: live CPU between results, and stops or continues from outside. */
  private poll(): void {
    let changed = false;
    const now = Date.now();
    for (const record of this.workers.values()) {
      const proc = readRunState(record.pid);
      if (proc === null) continue;
      if (proc.cpuMs !== record.procCpuMs || proc.state !== record.procState) changed = true;
      record.procState = proc.state;
      record.procCpuMs = Math.max(record.procCpuMs, proc.cpuMs);
      const stopped = isStoppedState(proc.state);
      if (stopped && record.pausedBy === null) {
        record.pausedBy = 'proc';
        record.pausedAt = now;
      } else if (!stopped && record.pausedBy === 'proc') {
        record.pausedBy = null;
      } else if (!stopped && record.pausedBy === 'pool' && now - record.pausedAt > PAUSE_TRUST_MS) {
        // Continued from outside (a shell's kill -CONT): /proc is the truth once the stop had time to land.
        record.pausedBy = null;
      }
    }
    if (this.children.size > 0) this.reportSweep([]);
    this.dispatch();
    if (changed) this.changed();
  }

  // ——— small reads ———

  private liveRecords(): WorkerRecord[] {
    return [...this.workers.values()].filter((w) => w.life !== 'exited');
  }

  private recordOf(pid: number): WorkerRecord | undefined {
    for (const record of this.workers.values()) if (record.pid === pid) return record;
    return undefined;
  }

  private visibleState(w: WorkerRecord): WorkerState {
    if (w.life === 'exiting' || w.life === 'exited' || w.retiring) return 'exiting';
    if (w.pausedBy !== null) return 'paused';
    return w.life;
  }

  private updateUsage(record: WorkerRecord, usage: CpuTotals): void {
    // A message that arrived after 'exit': its CPU still belongs to the pool's total.
    if (record.life === 'exited') this.stats.lateUsage(record, usage);
    else record.usage = usage;
  }

  private settleBatch(batch: Batch, result: TaskResult): void {
    batch.onResult?.(result);
    batch.results[result.taskId - batch.firstId] = result;
    batch.remaining--;
    if (batch.remaining === 0) batch.resolve(batch.results as TaskResult[]);
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
