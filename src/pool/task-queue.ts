// The pool's bookkeeping of tasks: FIFO pending, in flight per worker, done exactly once. Pure.

interface Entry<T> {
  task: T;
  done: boolean;
}

/**
 * Tasks are handed out one at a time from the head. A task whose worker died goes back to the
 * head (`requeue`), so it runs next, as ProcessPoolExecutor would have run it had the worker
 * lived. A result is counted once: a late or duplicate one (a worker that was thought dead, or
 * a re-run of a requeued task) is ignored. What a result holds, and in which order results are
 * given, is the scheduler's (task-scheduler.ts).
 */
export class TaskQueue<T extends { id: number }> {
  private readonly entries = new Map<number, Entry<T>>();
  private pending: number[] = [];
  private head = 0;
  private readonly inFlight = new Map<number, number>();
  /** Ids put back by requeue: only these can have a second copy to remove on completion. */
  private readonly requeued = new Set<number>();

  /** Appends tasks in order; an id already known is refused (returns false and adds nothing). */
  add(tasks: readonly T[]): boolean {
    const ids = new Set<number>();
    for (const t of tasks) {
      if (this.entries.has(t.id) || ids.has(t.id)) return false;
      ids.add(t.id);
    }
    for (const task of tasks) {
      this.entries.set(task.id, { task, done: false });
      this.pending.push(task.id);
    }
    return true;
  }

  get pendingCount(): number {
    return this.pending.length - this.head;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Hands the head task to `worker`; undefined when nothing is pending or the worker is busy. */
  next(worker: number): T | undefined {
    if (this.inFlight.has(worker)) return undefined;
    const id = this.pending[this.head];
    if (id === undefined) return undefined;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.pending.length) {
      this.pending = this.pending.slice(this.head);
      this.head = 0;
    }
    this.inFlight.set(worker, id);
    return this.entries.get(id)?.task;
  }

  /**
   * The worker is gone: its task goes back to the head of the queue unless its result is already
   * in (or it was forgotten). Returns the task put back.
   */
  requeue(worker: number): T | undefined {
    const id = this.inFlight.get(worker);
    if (id === undefined) return undefined;
    this.inFlight.delete(worker);
    const entry = this.entries.get(id);
    if (entry === undefined || entry.done) return undefined;
    this.requeued.add(id);
    if (this.head > 0) this.pending[--this.head] = id;
    else this.pending.unshift(id);
    return entry.task;
  }

  /**
   * Marks `taskId` done, its result from `worker`. Returns true the first time; false for a
   * duplicate or an unknown task, which changes nothing but freeing the worker.
   */
  complete(worker: number, taskId: number): boolean {
    if (this.inFlight.get(worker) === taskId) this.inFlight.delete(worker);
    const entry = this.entries.get(taskId);
    if (entry === undefined || entry.done) return false;
    entry.done = true;
    if (this.requeued.delete(taskId)) {
      // A copy put back by requeue must not run again.
      const at = this.pending.indexOf(taskId, this.head);
      if (at >= 0) this.pending.splice(at, 1);
    }
    return true;
  }

  /** The task with this id while the queue knows it (until forgotten). */
  taskOf(taskId: number): T | undefined {
    return this.entries.get(taskId)?.task;
  }

  /**
   * Drops a finished task's record so an endless stream stays bounded. Its id becomes unknown:
   * a late result for it is still ignored.
   */
  forget(taskId: number): void {
    if (this.entries.get(taskId)?.done === true) this.entries.delete(taskId);
  }

  /** Drops every pending task (not those in flight). */
  clearPending(): void {
    for (let i = this.head; i < this.pending.length; i++) this.entries.delete(this.pending[i]!);
    this.pending = [];
    this.head = 0;
    this.requeued.clear();
  }
}
