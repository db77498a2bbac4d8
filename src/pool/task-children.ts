// The processes the pool's family tasks start (its workers' children): remembered by PID and start
// time, watched in /proc for re-parenting, and ended with the pool through sendSignal.
import { isEndedState, readChildStat, type ChildStat } from '../platform/process-stat.js';
import { startTimeFromTicks } from '../platform/start-time.js';
import { sendSignal } from '../signals/send-signal.js';
import type { SignalOutcome, SignalTarget } from '../signals/signal-outcome.js';
import { isSignalablePid } from './worker-signal.js';

/** A child as the pool remembers it. */
export interface TaskChild {
  pid: number;
  /** ms since the epoch by the sampler's formula: what a process row and sendSignal compare. */
  startTime: number;
  /** /proc/[pid]/stat field 22, as the worker read it. */
  startTicks: number;
  command: string;
  workerIndex: number;
  /** The worker that started it: its parent until that worker dies. */
  workerPid: number;
  taskId: number;
  /** Date.now() when the pool heard of it. */
  since: number;
  /** The kernel SIGKILLs it when its worker dies (its parent-death signal): it is never left an orphan. */
  diesWithWorker: boolean;
  /** Its parent is no longer its worker (the worker died): re-parented to PID 1 or a subreaper. */
  orphaned: boolean;
  /** Its parent at the last look. */
  ppid: number;
}

/** A child's entry in /proc now (platform/process-stat.ts); null when there is none (gone, or no /proc). Injected in tests. */
export type ChildStatReader = (pid: number) => ChildStat | null;

/** What a worker reported, plus who it is. */
export interface ChildReport {
  pid: number;
  startTicks: number | null;
  command: string;
  workerIndex: number;
  workerPid: number;
  taskId: number;
  diesWithWorker: boolean;
}

export interface ChildSweep {
  /** Children whose parent changed since the last look, each reported once. */
  orphaned: TaskChild[];
  /** Children that have exited (no /proc entry, a zombie, or another process under their PID). */
  gone: TaskChild[];
  /** Children with a parent-death signal whose worker has died: the kernel has sent them SIGKILL (they may have ended already). */
  killedWithWorker: TaskChild[];
}

export type ChildSignaller = (target: SignalTarget, signal: NodeJS.Signals) => SignalOutcome;

export class TaskChildren {
  private readonly children = new Map<number, TaskChild>();

  constructor(
    private readonly read: ChildStatReader = readChildStat,
    private readonly signaller: ChildSignaller = sendSignal,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Remembers a child a worker reported, once /proc confirms it: the same start time (the very
   * process the worker started) and the worker as its parent, unless the worker has died since
   * it wrote the report (its exit may not have been reaped yet: /proc shows it a zombie or gone),
   * in which case the child is an orphan already. Without /proc nothing can be confirmed, so
   * nothing is remembered and nothing will ever be signalled.
   */
  add(report: ChildReport, workerReaped: boolean): TaskChild | null {
    if (!isSignalablePid(report.pid) || report.startTicks === null) return null;
    const stat = this.read(report.pid);
    if (stat === null || stat.startTicks !== report.startTicks || isEndedState(stat.state)) return null;
    if (stat.ppid !== report.workerPid && !workerReaped) {
      // The kernel re-parents a dying process's children before it becomes a zombie.
      const worker = this.read(report.workerPid);
      if (worker !== null && !isEndedState(worker.state)) return null;
    }
    const child: TaskChild = {
      pid: report.pid,
      startTime: startTimeFromTicks(report.startTicks),
      startTicks: report.startTicks,
      command: report.command,
      workerIndex: report.workerIndex,
      workerPid: report.workerPid,
      taskId: report.taskId,
      diesWithWorker: report.diesWithWorker,
      since: this.now(),
      orphaned: false,
      ppid: stat.ppid,
    };
    this.children.set(child.pid, child);
    return child;
  }

  /** The worker's wait for it returned: it is gone. The child, if it was still remembered. */
  end(pid: number, workerPid: number): TaskChild | null {
    const child = this.children.get(pid);
    if (child === undefined || child.workerPid !== workerPid) return null;
    this.children.delete(pid);
    return child;
  }

  /**
   * Looks at every remembered child in /proc once. `workerWillTell`: its worker is still there to
   * wait for it, so an exit seen here (a zombie not yet reaped, or reaped with the report on its
   * way) is left for the worker to tell, with the status only it knows.
   */
  sweep(workerWillTell: (child: TaskChild) => boolean = () => false): ChildSweep {
    const result: ChildSweep = { orphaned: [], gone: [], killedWithWorker: [] };
    for (const child of this.children.values()) {
      const stat = this.read(child.pid);
      if (stat === null || stat.startTicks !== child.startTicks || isEndedState(stat.state)) {
        if (!child.orphaned && workerWillTell(child)) continue;
        this.children.delete(child.pid);
        // With its worker gone and nobody to tell, one with a parent-death signal went with it.
        (child.diesWithWorker ? result.killedWithWorker : result.gone).push(child);
        continue;
      }
      child.ppid = stat.ppid;
      if (!child.orphaned && stat.ppid !== child.workerPid) {
        // Re-parenting is what sends the parent-death signal: nothing can keep SIGKILL from ending it.
        if (child.diesWithWorker) {
          this.children.delete(child.pid);
          result.killedWithWorker.push(child);
          continue;
        }
        child.orphaned = true;
        result.orphaned.push(child);
      }
    }
    return result;
  }

  /**
   * Sends `signal` to every remembered child still alive, each by PID and start time through
   * sendSignal, which reads /proc again and refuses a PID that now names another process.
   */
  signalAll(signal: NodeJS.Signals): SignalOutcome[] {
    const outcomes: SignalOutcome[] = [];
    // Those that have ended need nothing; the rest are signalled, each checked again by sendSignal.
    this.sweep();
    for (const child of this.children.values()) {
      outcomes.push(this.signaller({ pid: child.pid, startTime: child.startTime, exactStartTime: true, command: child.command }, signal));
    }
    return outcomes;
  }

  /** The children alive at the last look, in the order they started. */
  list(): TaskChild[] {
    return [...this.children.values()];
  }

  /** The child a worker is waiting for (its parent is still that worker), if any. */
  ofWorker(workerPid: number): TaskChild | null {
    for (const child of this.children.values()) if (child.workerPid === workerPid && !child.orphaned) return child;
    return null;
  }

  has(pid: number): boolean {
    return this.children.has(pid);
  }

  get size(): number {
    return this.children.size;
  }

  /** Forgets everything (a new pool run); the children themselves are not touched. */
  clear(): void {
    this.children.clear();
  }
}
