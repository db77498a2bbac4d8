// The pool's bookkeeping of tasks: FIFO pending, in flight per worker, done exactly once. Pure.

interface Entry<T, R> {
  task: T;
  seq: number;
  done: boolean;
  result?: R;
}

/**
 * Tasks are handed out one at a time from the head. A task whose worker died goes back to the
 * head (`requeue`), so it runs next, as ProcessPoolExecutor would have run it had the worker
 * lived. A result is recorded once: a late or duplicate one (a worker that was thought dead, or
 * a re-run of a requeued task) is ignored. Results can be read in arrival order (like
 * `imap_unordered`) or in submission order (like `Pool.map`).
 */
export class TaskQueue<T extends { id: number }, R> {
  private readonly entries = new Map<number, Entry<T, R>>();
  private pending: number[] = [];
  private head = 0;
  private readonly inFlight = new Map<number, number>();
  /** Ids put back by requeue: only these can have a second copy to remove on completion. */
  private readonly requeued = new Set<number>();
  private readonly bySeq = new Map<number, number>();
  private nextSeq = 0;
  private orderCursor = 0;
  private arrived: R[] = [];
  private doneTotal = 0;

  /** Appends tasks in order; an id already known is refused (returns false and adds nothing). */
  add(tasks: readonly T[]): boolean {
    const ids = new Set<number>();
    for (const t of tasks) {
      if (this.entries.has(t.id) || ids.has(t.id)) return false;
      ids.add(t.id);
    }
    for (const task of tasks) {
      const seq = this.nextSeq++;
      this.entries.set(task.id, { task, seq, done: false });
      this.bySeq.set(seq, task.id);
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

  /** Results recorded since the queue was made (forgotten ones included). */
  get doneCount(): number {
    return this.doneTotal;
  }

  /** The task at the head, not taken. */
  peek(): T | undefined {
    const id = this.pending[this.head];
    return id === undefined ? undefined : this.entries.get(id)?.task;
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

  inFlightOf(worker: number): T | undefined {
    const id = this.inFlight.get(worker);
    return id === undefined ? undefined : this.entries.get(id)?.task;
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
   * Records `result` for `taskId` from `worker`. Returns true the first time; false for a
   * duplicate or an unknown task, which changes nothing but freeing the worker.
   */
  complete(worker: number, taskId: number, result: R): boolean {
    if (this.inFlight.get(worker) === taskId) this.inFlight.delete(worker);
    const entry = this.entries.get(taskId);
    if (entry === undefined || entry.done) return false;
    entry.done = true;
    entry.result = result;
    this.doneTotal++;
    this.arrived.push(result);
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

  isDone(taskId: number): boolean {
    return this.entries.get(taskId)?.done === true;
  }

  resultOf(taskId: number): R | undefined {
    return this.entries.get(taskId)?.result;
  }

  /** Results in the order they came in, since the last call. */
  takeArrived(): R[] {
    const out = this.arrived;
    this.arrived = [];
    return out;
  }

  /** Results in submission order that are now contiguous with those taken before (skipping forgotten tasks). */
  takeOrdered(): R[] {
    const out: R[] = [];
    while (this.orderCursor < this.nextSeq) {
      const id = this.bySeq.get(this.orderCursor);
      const entry = id === undefined ? undefined : this.entries.get(id);
      if (entry !== undefined && !entry.done) break;
      if (entry?.result !== undefined) out.push(entry.result);
      this.bySeq.delete(this.orderCursor);
      this.orderCursor++;
    }
    return out;
  }

  /**
   * Drops a finished task's record so an endless stream stays bounded. Its id becomes unknown:
   * a late result for it is still ignored.
   */
  forget(taskId: number): void {
    const entry = this.entries.get(taskId);
    if (entry === undefined || !entry.done) return;
    this.entries.delete(taskId);
    if (entry.seq >= this.orderCursor) this.bySeq.delete(entry.seq);
  }

  /** Drops every pending task (not those in flight); returns them in queue order. */
  clearPending(): T[] {
    const ids = this.pending.slice(this.head);
    this.pending = [];
    this.head = 0;
    this.requeued.clear();
    const tasks: T[] = [];
    for (const id of ids) {
      const entry = this.entries.get(id);
      if (entry === undefined) continue;
      tasks.push(entry.task);
      this.entries.delete(id);
      this.bySeq.delete(entry.seq);
    }
    return tasks;
  }
}
