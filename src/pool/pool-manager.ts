// The process pool: starts and replaces workers, hands out tasks one at a time, signals workers,
// and exposes its state as snapshots and events. Renders nothing.
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { isEndedState, isStoppedState, readRunState } from '../platform/process-stat.js';
import type { PoolPhase, PoolSnapshot, WorkerSnapshot, WorkerState } from './pool-snapshot.js';
import { cpuMsOf, PoolStats } from './pool-stats.js';
import type { PoolEvents, PoolOptions, SubmitOptions } from './pool-events.js';
import type { Task, TaskResult, TaskSpec, WorkloadChoice } from './task.js';
import { TaskScheduler } from './task-scheduler.js';
import { defaultWorkerPath } from './worker-path.js';
import { parseFromWorker, workerArgv, type CpuTotals, type FromWorker, type ToWorker } from './worker-protocol.js';
import { parentDeathLauncher } from './parent-death-signal.js';
import { signalChild, type SignalOutcome } from './worker-signal.js';
import { TaskChildren, type ChildSweep, type TaskChild } from './task-children.js';
import { exitText, spawnErrorText } from './worker-failure.js';

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

/** A stop by signal from outside can take a moment to show in /proc: trust the pool's mark this long. */
const PAUSE_TRUST_MS = 1000;
/** Workers that die before saying ready this many times in a row are not replaced again. */
const MAX_EARLY_EXITS = 3;
const STOP_SIGNALS = new Set(['SIGSTOP', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU']);

export class PoolManager extends EventEmitter<PoolEvents> {
  private phase: PoolPhase = 'idle';
  private readonly workers = new Map<number, WorkerRecord>();
  private readonly scheduler = new TaskScheduler((result) => this.recorded(result));
  /** Family tasks' children, orphans included: kept across runs until they are gone, so none outlives pooltop. */
  private readonly children = new TaskChildren();
  private nextIndex = 1;
  private trapDefault = false;
  private workerPath = '';
  private pollMs = 500;
  private stopGraceMs = 2000;
  private procCheck = process.platform === 'linux';
  private parentDeathSignal = true;
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
    this.resetRun();
    this.scheduler.reset(options.streamTargetMs ?? 1000);
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
        workload: this.scheduler.workload,
        pending: this.scheduler.pending,
        inFlight: this.scheduler.inFlight,
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
    if (record.task?.id === message.taskId) {
      record.task = null;
      record.taskSince = null;
      if (record.life === 'busy') record.life = 'idle';
    }
    const { pid, cpuMs, wallMs } = message;
    this.scheduler.complete(
      record.index,
      message.taskId,
      message.type === 'result' ? { value: message.value, error: null, pid, cpuMs, wallMs } : { value: null, error: message.error, pid, cpuMs, wallMs },
    );
    if (record.life === 'idle' && (record.retiring || this.phase !== 'running')) this.sendTo(record, { type: 'retire' });
    this.dispatch();
    this.changed();
  }

  /** A result counted for the first time: its worker's count, the totals, listeners. */
  private recorded(result: TaskResult): void {
    const record = this.workers.get(result.workerIndex);
    if (record !== undefined) record.tasksDone++;
    this.stats.record(result);
    this.emit('result', result);
  }

  private onExit(record: WorkerRecord, code: number | null, signal: NodeJS.Signals | null): void {
    const wasStarting = record.life === 'starting';
    record.life = 'exited';
    this.workers.delete(record.index);
    this.stats.retire(record);
    const requeued = this.scheduler.requeue(record.index);
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
        if (this.workers.size === 0) this.scheduler.abandon(failure);
      } else {
        const replacement = this.spawnWorker(record.trap);
        if (replacement !== null) {
          replacedBy = replacement.index;
          this.stats.replacement();
        }
      }
    }
    if (requeued !== null && signal === null && code !== 0) this.scheduler.countCrash(requeued);
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

  // ——— dispatch ———

  /** Hands the head task to each idle, unpaused worker, one task per worker. */
  private dispatch(): void {
    if (this.phase !== 'running') return;
    for (const record of this.workers.values()) {
      if (record.life !== 'idle' || record.pausedBy !== null || record.retiring) continue;
      if (this.procCheck && !this.runnableNow(record)) continue;
      const task = this.scheduler.next(record.index);
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
    this.scheduler.stopStream();
    this.scheduler.abandon(reason);
    this.failReadyWaiters(reason);
    if (this.pollTimer !== null) clearInterval(this.pollTimer);
    this.pollTimer = null;
    this.checkStopped();
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

  private changed(): void {
    if (this.changeQueued) return;
    this.changeQueued = true;
    queueMicrotask(() => {
      this.changeQueued = false;
      this.emit('change');
    });
  }
}
