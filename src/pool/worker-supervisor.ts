// The pool's worker processes: forks them, reads their messages, sees them exit and replaces
// those that died, signals them, and watches /proc for stops and continues from outside; their
// family tasks' children are watched alongside (child-watch.ts). Which task each runs is the
// scheduler's: the manager passes tasks between the two.
import { fork, type ChildProcess } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import { isEndedState, readRunState, type RunState } from '../platform/process-stat.js';
import { ChildWatch } from './child-watch.js';
import { ZOMBIE_AFTER_MS } from './family-task.js';
import { parentDeathLauncher } from './parent-death-signal.js';
import type { PoolEvents } from './pool-events.js';
import type { ChildSnapshot, WorkerSnapshot } from './pool-snapshot.js';
import { cpuMsOf, type PoolStats, type WorkerCpu } from './pool-stats.js';
import type { Task } from './task.js';
import type { TaskReport } from './task-scheduler.js';
import { exitText, spawnErrorText } from './worker-failure.js';
import { parseFromWorker, workerArgv, type CpuTotals, type ToWorker } from './worker-protocol.js';
import { signalChild, type SignalOutcome } from './worker-signal.js';
import { WorkerStatus } from './worker-status.js';

/** Workers that die before saying ready this many times in a row are not replaced again. */
const MAX_EARLY_EXITS = 3;
const STOP_SIGNALS = new Set(['SIGSTOP', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU']);

interface Worker {
  /** 1, 2, 3… in start order within a run; a replacement gets a new one. */
  readonly index: number;
  readonly pid: number;
  readonly child: ChildProcess;
  readonly trap: boolean;
  readonly status: WorkerStatus;
  readonly startedAt: number;
  task: Task | null;
  taskSince: number | null;
  tasksDone: number;
  readonly cpu: WorkerCpu;
  /** The end of what it wrote to stderr. */
  stderr: string;
  /** Bytes through its IPC channel, both ways: each message's JSON (the channel's serialization) and newline. */
  ipcBytes: number;
  /** The child its family task started and is waiting for. */
  taskChild: { pid: number; since: number; zombieSince?: number } | null;
}

/** How this run's workers are started. */
interface WorkerSettings {
  workerPath: string;
  /** Trap mode of workers started without saying (replacements keep their predecessor's). */
  trap: boolean;
  /** Read /proc before each dispatch so a stopped worker gets nothing. */
  procCheck: boolean;
  /** Start workers through setpriv --pdeathsig KILL where it exists. */
  parentDeathSignal: boolean;
}

/** What the supervisor tells the pool around it, for what only the pool can do. */
interface SupervisorHooks {
  /** A worker said it is ready for tasks. */
  ready(): void;
  /** A worker reported task `taskId` done or failed. */
  finished(worker: Worker, taskId: number, report: TaskReport): void;
  /** A worker has exited: the task it held goes back, and is returned for the exit's report. */
  lost(worker: Worker): Task | null;
  /** The worker running `task` crashed: it exited with an error status, not by a signal. */
  crashed(task: Task): void;
  /** Workers keep dying as they start: no more are started. */
  gaveUp(failure: Error): void;
  /** An exit has been handled and told. */
  exited(): void;
  /** Something a snapshot shows has changed. */
  changed(): void;
}

/** What a message takes on the channel: with serialization 'json', its JSON and a newline. */
function ipcSize(message: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(message) ?? '') + 1;
  } catch {
    return 0;
  }
}

export class WorkerSupervisor {
  private readonly workers = new Map<number, Worker>();
  private readonly children: ChildWatch;
  private settings: WorkerSettings = { workerPath: '', trap: false, procCheck: false, parentDeathSignal: true };
  private nextIndex = 1;
  private earlyExits = 0;

  constructor(
    private readonly events: Pick<EventEmitter<PoolEvents>, 'emit'>,
    private readonly hooks: SupervisorHooks,
    private readonly stats: PoolStats,
  ) {
    this.children = new ChildWatch(
      events,
      () => hooks.changed(),
      (pid) => this.workerOf(pid) !== undefined,
    );
  }

  /** A new run, with these settings: workers are counted from 1 again. */
  reset(settings: WorkerSettings): void {
    this.settings = settings;
    this.nextIndex = 1;
    this.earlyExits = 0;
  }

  /** Workers whose exit has not been reaped yet. */
  get size(): number {
    return this.workers.size;
  }

  /** Some worker is still on its way to ready. */
  get starting(): boolean {
    for (const worker of this.workers.values()) if (worker.status.starting) return true;
    return false;
  }

  pids(): number[] {
    return [...this.workers.values()].map((w) => w.pid);
  }

  isWorker(pid: number): boolean {
    return this.workerOf(pid) !== undefined;
  }

  isTaskChild(pid: number): boolean {
    return this.children.has(pid);
  }

  /** Forks a worker; when that fails, `failed` hears why (at once, or on the next tick: see below). */
  spawn(
    trap = this.settings.trap,
    failed: (cause: string) => void = (cause) => this.events.emit('problem', `could not start a worker: ${cause}`),
  ): Worker | null {
    const index = this.nextIndex++;
    let child: ChildProcess;
    try {
      // No `detached`: workers stay in pooltop's process group, so the terminal's job control and
      // the orphaned-process-group rule (SIGHUP + SIGCONT when pooltop dies) reach them. Started
      // through setpriv where there is one, the kernel also SIGKILLs them when pooltop dies, even
      // paused (see parent-death-signal.ts), and its family children get the same signal for its death.
      const launcher = this.settings.parentDeathSignal ? parentDeathLauncher() : null;
      child = fork(this.settings.workerPath, workerArgv({ index, parentPid: process.pid, trap, childDeathSignal: launcher !== null }), {
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
    const worker: Worker = {
      index,
      pid,
      child,
      trap,
      status: new WorkerStatus(),
      startedAt: Date.now(),
      task: null,
      taskSince: null,
      tasksDone: 0,
      cpu: { usage: { userUs: 0, systemUs: 0 }, procCpuMs: 0 },
      stderr: '',
      ipcBytes: 0,
      taskChild: null,
    };
    this.workers.set(index, worker);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      worker.stderr = (worker.stderr + chunk).slice(-2000);
    });
    child.on('message', (message) => this.onMessage(worker, message));
    child.on('exit', (code, signal) => this.onExit(worker, code, signal));
    // Send failures on a closing channel: the 'exit' that follows puts the task back.
    child.on('error', () => {});
    this.events.emit('worker-start', { index, pid, trap });
    return worker;
  }

  /**
   * Hands each worker free for a task, in index order, the one `next` gives it, until `next` has
   * none. With procCheck /proc is asked of each as its turn comes: a stopped one gets nothing.
   */
  handOut(next: (index: number) => Task | undefined): void {
    for (const worker of this.workers.values()) {
      if (!worker.status.takesTasks) continue;
      if (this.settings.procCheck && !this.runnableNow(worker)) continue;
      const task = next(worker.index);
      if (task === undefined) return;
      worker.status.assigned();
      worker.task = task;
      worker.taskSince = Date.now();
      this.send(worker, { type: 'task', task });
      this.events.emit('dispatch', { task, workerIndex: worker.index, pid: worker.pid });
      this.hooks.changed();
    }
  }

  /** A result of the worker `index` counted for the first time: its tally in the snapshot. */
  credit(index: number): void {
    const worker = this.workers.get(index);
    if (worker !== undefined) worker.tasksDone++;
  }

  /**
   * Retires the newest worker, preferring an idle one (it exits at once), then a busy one (it
   * finishes its current task, whose result counts, then exits), then a paused one (resumed so it
   * can finish and leave). Returns its PID, or null when there is none to retire.
   */
  retireOne(): number | null {
    const staying = [...this.workers.values()].filter((w) => w.status.departure === 'none');
    const rank = (w: Worker): number => (w.status.paused ? 2 : w.status.activity === 'busy' ? 1 : 0);
    staying.sort((a, b) => rank(a) - rank(b) || b.index - a.index);
    const worker = staying[0];
    if (worker === undefined) return null;
    worker.status.retire();
    if (worker.status.paused) this.resume(worker);
    if (worker.status.activity === 'idle') this.send(worker, { type: 'retire' });
    this.hooks.changed();
    return worker.pid;
  }

  /** SIGSTOP every worker; returns how many were stopped. */
  pauseAll(): number {
    let n = 0;
    for (const worker of this.workers.values()) if (this.pause(worker) === 'sent') n++;
    return n;
  }

  /** SIGCONT every worker; returns how many were continued. */
  resumeAll(): number {
    let n = 0;
    for (const worker of this.workers.values()) if (this.resume(worker) === 'sent') n++;
    return n;
  }

  pauseWorker(pid: number): SignalOutcome {
    const worker = this.workerOf(pid);
    return worker === undefined ? 'not-a-worker' : this.pause(worker);
  }

  resumeWorker(pid: number): SignalOutcome {
    const worker = this.workerOf(pid);
    return worker === undefined ? 'not-a-worker' : this.resume(worker);
  }

  /**
   * `signal` (name like "SIGSTOP" or "STOP") reached `pid` from outside the pool (the UI's signal
   * menu): a stop marks the worker paused, a continue makes it available again. Returns which, or
   * null when `pid` is not one of the workers.
   */
  noteSignal(pid: number, signal: string): 'paused' | 'resumed' | 'other' | null {
    const worker = this.workerOf(pid);
    if (worker === undefined) return null;
    const upper = signal.toUpperCase();
    const name = upper.startsWith('SIG') ? upper : `SIG${upper}`;
    if (STOP_SIGNALS.has(name)) {
      worker.status.pause(Date.now());
      return 'paused';
    }
    if (name === 'SIGCONT') {
      worker.status.resume();
      return 'resumed';
    }
    return 'other';
  }

  /** SIGTERM to every family task's child and every worker, with SIGCONT to a stopped one so it acts on it. */
  endAll(): void {
    this.children.signalAll('SIGTERM');
    for (const worker of this.workers.values()) {
      this.signal(worker, 'SIGTERM');
      if (worker.status.mayBeStopped) this.signal(worker, 'SIGCONT');
      worker.status.signalled();
    }
  }

  /**
   * SIGKILL to every family task's child still running (orphans too), by PID and start time, then
   * to every worker. The only children a worker has are its family tasks' children: tree-kill
   * would only add a `ps` run per worker, and miss the orphans.
   */
  killAll(): void {
    this.children.signalAll('SIGKILL');
    for (const worker of this.workers.values()) {
      this.signal(worker, 'SIGKILL');
      worker.status.signalled();
    }
  }

  /** SIGKILL to the family tasks' children that outlived their pool run (one a stop's SIGTERM did not end). */
  killChildren(): void {
    this.children.signalAll('SIGKILL');
  }

  /**
   * Reads /proc for each worker: live CPU between results, and stops or continues from outside;
   * then looks at the children. Returns whether a worker's CPU or state letter changed.
   */
  look(now = Date.now()): boolean {
    let changed = false;
    for (const worker of this.workers.values()) {
      const proc = readRunState(worker.pid);
      if (proc === null) continue;
      if (proc.cpuMs !== worker.cpu.procCpuMs || proc.state !== worker.status.procState) changed = true;
      this.observe(worker, proc, now);
    }
    this.children.look();
    return changed;
  }

  snapshots(): WorkerSnapshot[] {
    return [...this.workers.values()].map((w) => ({
      index: w.index,
      pid: w.pid,
      state: w.status.shown,
      task: w.task,
      taskSince: w.taskSince,
      tasksDone: w.tasksDone,
      cpuMs: cpuMsOf(w.cpu),
      trap: w.trap,
      ipcBytes: w.ipcBytes,
      procState: w.status.procState,
      startedAt: w.startedAt,
      child: w.taskChild,
    }));
  }

  cpus(): WorkerCpu[] {
    return [...this.workers.values()].map((w) => w.cpu);
  }

  childSnapshots(): ChildSnapshot[] {
    return this.children.snapshots();
  }

  private onMessage(worker: Worker, raw: unknown): void {
    worker.ipcBytes += ipcSize(raw);
    const message = parseFromWorker(raw);
    if (message === null || message.pid !== worker.pid) return;
    switch (message.type) {
      case 'ready':
        this.updateUsage(worker, message.usage);
        if (!worker.status.ready()) return;
        this.earlyExits = 0;
        if (worker.status.departure === 'retiring') this.send(worker, { type: 'retire' });
        this.hooks.ready();
        return;
      case 'result':
      case 'failed': {
        this.updateUsage(worker, message.usage);
        if (worker.task?.id === message.taskId) {
          worker.task = null;
          worker.taskSince = null;
          worker.status.finished();
        }
        if (worker.status.activity === 'idle' && worker.status.departure === 'retiring') this.send(worker, { type: 'retire' });
        const { pid, cpuMs, wallMs } = message;
        const report: TaskReport =
          message.type === 'result' ? { value: message.value, error: null, pid, cpuMs, wallMs } : { value: null, error: message.error, pid, cpuMs, wallMs };
        this.hooks.finished(worker, message.taskId, report);
        return;
      }
      case 'trapped':
        this.events.emit('trapped', { index: worker.index, pid: worker.pid, signal: message.signal });
        return;
      case 'child-start': {
        const reaped = worker.status.departure === 'exited';
        const { childPid: pid, startTicks, command, taskId, diesWithWorker } = message;
        const child = this.children.confirm({ pid, startTicks, command, workerIndex: worker.index, workerPid: worker.pid, taskId, diesWithWorker }, reaped);
        if (child === null) return;
        // The zombie's parent starts it and it exits ZOMBIE_AFTER_MS later: the wait it is owed starts then.
        if (!reaped)
          worker.taskChild = {
            pid: child.pid,
            since: child.since,
            ...(worker.task?.workload === 'zombie' ? { zombieSince: child.since + ZOMBIE_AFTER_MS } : {}),
          };
        this.children.announce(child);
        return;
      }
      case 'child-exit':
        if (worker.taskChild?.pid === message.childPid) worker.taskChild = null;
        this.children.ended(message.childPid, worker.pid, message.code, message.signal);
        this.hooks.changed();
        return;
    }
  }

  private onExit(worker: Worker, code: number | null, signal: NodeJS.Signals | null): void {
    const wasStarting = worker.status.activity === 'starting';
    // Asked to leave (retired, or signalled by stop, kill or shutdown): not replaced.
    const expected = worker.status.departure !== 'none';
    worker.status.exited();
    this.workers.delete(worker.index);
    this.stats.retire(worker.cpu);
    const requeued = this.hooks.lost(worker);
    worker.task = null;
    worker.taskChild = null;
    const { orphans, killedWith, tellRest } = this.children.workerExited(worker.pid);
    let replacedBy: number | null = null;
    if (!expected) {
      if (wasStarting) this.earlyExits++;
      if (this.earlyExits >= MAX_EARLY_EXITS) {
        const failure = new Error(`workers died as they started, ${this.earlyExits} in a row (the last ${exitText(code, signal, worker.stderr)})`);
        this.events.emit('problem', `${failure.message}; not starting more`);
        this.hooks.gaveUp(failure);
      } else {
        const replacement = this.spawn(worker.trap);
        if (replacement !== null) {
          replacedBy = replacement.index;
          this.stats.replacement();
        }
      }
    }
    if (requeued !== null && signal === null && code !== 0) this.hooks.crashed(requeued);
    this.events.emit('worker-exit', {
      index: worker.index,
      pid: worker.pid,
      code,
      signal,
      requeued,
      replacedBy,
      expected,
      stderr: worker.stderr,
      ...(orphans.length > 0 ? { orphans } : {}),
      ...(killedWith.length > 0 ? { killedWith } : {}),
    });
    tellRest();
    this.hooks.exited();
  }

  /** /proc agrees the worker can run a task now; a stopped one is marked paused (by 'proc'). */
  private runnableNow(worker: Worker): boolean {
    const proc = readRunState(worker.pid);
    // /proc works (checked at start), so no entry means the worker is gone: its 'exit' is coming.
    if (proc === null) return false;
    this.observe(worker, proc, Date.now());
    if (!worker.status.takesTasks) {
      this.hooks.changed();
      return false;
    }
    return !isEndedState(proc.state);
  }

  private observe(worker: Worker, proc: RunState, now: number): void {
    worker.status.observe(proc.state, now);
    worker.cpu.procCpuMs = Math.max(worker.cpu.procCpuMs, proc.cpuMs);
  }

  private updateUsage(worker: Worker, usage: CpuTotals): void {
    // A message that arrived after 'exit': its CPU still belongs to the pool's total.
    if (worker.status.departure === 'exited') this.stats.lateUsage(worker.cpu, usage);
    else worker.cpu.usage = usage;
  }

  private pause(worker: Worker): SignalOutcome {
    const outcome = this.signal(worker, 'SIGSTOP');
    if (outcome === 'sent') {
      worker.status.pause(Date.now());
      this.hooks.changed();
    }
    return outcome;
  }

  private resume(worker: Worker): SignalOutcome {
    const outcome = this.signal(worker, 'SIGCONT');
    if (outcome === 'sent') {
      worker.status.resume();
      this.hooks.changed();
    }
    return outcome;
  }

  private signal(worker: Worker, signal: NodeJS.Signals): SignalOutcome {
    // Only a worker of this pool reaches here, and signalChild refuses a reaped (reusable) PID.
    if (this.workers.get(worker.index) !== worker) return 'gone';
    return signalChild(worker.child, signal);
  }

  private send(worker: Worker, message: ToWorker): void {
    if (!worker.child.connected) return;
    worker.ipcBytes += ipcSize(message);
    worker.child.send(message, (error) => {
      // The channel closed under us: the worker is exiting, and its 'exit' requeues the task.
      if (error) worker.stderr = `${worker.stderr}\n(send failed: ${error.message})`.slice(-2000);
    });
  }

  private workerOf(pid: number): Worker | undefined {
    for (const worker of this.workers.values()) if (worker.pid === pid) return worker;
    return undefined;
  }
}
