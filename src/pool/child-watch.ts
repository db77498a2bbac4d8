// The family tasks' children as the pool tells of them: each one a worker reports is confirmed in
// /proc and remembered (task-children.ts), then what becomes of it — its worker's wait returned,
// it vanished, its worker's death orphaned it or took it along — is told once, as an event.
import type { EventEmitter } from 'node:events';
import type { PoolEvents } from './pool-events.js';
import type { ChildSnapshot } from './pool-snapshot.js';
import { TaskChildren, type ChildReport, type ChildSweep, type TaskChild } from './task-children.js';

/** What a worker's exit did to its children, for the exit's own report. */
interface ExitChildren {
  /** Re-parented: they outlive it. */
  orphans: TaskChild[];
  /** Ended by their parent-death signal. */
  killedWith: TaskChild[];
  /** Tells the rest of the look (other children gone or orphaned): call it once the exit is told. */
  tellRest: () => void;
}

export class ChildWatch {
  /** Orphans included: kept across pool runs until they are gone, so none outlives pooltop. */
  private readonly children = new TaskChildren();

  constructor(
    private readonly events: Pick<EventEmitter<PoolEvents>, 'emit'>,
    private readonly changed: () => void,
    /** A worker with this PID is alive: it will wait for its child and tell how it ended. */
    private readonly workerAlive: (pid: number) => boolean,
  ) {}

  has(pid: number): boolean {
    return this.children.has(pid);
  }

  /** A worker started a child (`workerReaped`: that worker's exit is in already): the child, once /proc confirms it. */
  confirm(report: ChildReport, workerReaped: boolean): TaskChild | null {
    return this.children.add(report, workerReaped);
  }

  /** Tells of a child confirmed. */
  announce(child: TaskChild): void {
    this.events.emit('child-start', child);
    // A report read after its worker died (IPC data outlives the writer): an orphan already.
    if (child.ppid !== child.workerPid) this.tell([]);
    this.changed();
  }

  /** The worker's wait for its child returned: how it ended. */
  ended(childPid: number, workerPid: number, code: number | null, signal: string | null): void {
    const child = this.children.end(childPid, workerPid);
    if (child !== null) this.events.emit('child-exit', { child, code, signal });
  }

  /** One look at every child in /proc: tells of those gone or orphaned since the last. */
  look(): void {
    if (this.children.size > 0) this.tell([]);
  }

  /**
   * `workerPid` has exited. The kernel re-parented its children (and sent those with a
   * parent-death signal SIGKILL) before the exit was reaped: one look now tells the exit what
   * became of its child. A look between the kill and the reaping (the poll's) may have found an
   * orphan first: the exit names those too.
   */
  workerExited(workerPid: number): ExitChildren {
    const sweep = this.sweep();
    const newlyOrphaned = sweep.orphaned.filter((c) => c.workerPid === workerPid);
    sweep.orphaned = sweep.orphaned.filter((c) => c.workerPid !== workerPid);
    return {
      orphans: this.children.list().filter((c) => c.workerPid === workerPid && c.orphaned),
      killedWith: sweep.killedWithWorker.filter((c) => c.workerPid === workerPid),
      tellRest: () => this.tell(newlyOrphaned, sweep),
    };
  }

  /** `signal` to every child still alive, each by PID and start time. */
  signalAll(signal: NodeJS.Signals): void {
    this.children.signalAll(signal);
  }

  snapshots(): ChildSnapshot[] {
    return this.children.list().map(({ pid, command, workerIndex, workerPid, orphaned, ppid, since }) => ({
      pid,
      command,
      workerIndex,
      workerPid,
      orphaned,
      ppid,
      since,
    }));
  }

  /** Tells of children gone or orphaned; `told` were already in a 'worker-exit'. */
  private tell(told: readonly TaskChild[], sweep = this.sweep()): void {
    for (const child of sweep.gone) this.events.emit('child-exit', { child, code: null, signal: null });
    for (const child of sweep.killedWithWorker) this.events.emit('child-exit', { child, code: null, signal: 'SIGKILL' });
    for (const child of [...told, ...sweep.orphaned]) this.events.emit('child-orphaned', { child, withWorkerExit: told.includes(child) });
    if (sweep.gone.length + sweep.killedWithWorker.length + sweep.orphaned.length > 0) this.changed();
  }

  /** One look at the children; the exit of one whose worker lives is left for that worker to tell. */
  private sweep(): ChildSweep {
    return this.children.sweep((child) => this.workerAlive(child.workerPid));
  }
}
