// The processes pooltop started (workers, family tasks' children) with the parent they had then:
// a sample that shows one under another parent marks it orphaned.
import { NO_ORPHANS } from './pool-slice.js';

interface Origin {
  ppid: number;
  /** 0 to match by PID alone. */
  startTime: number;
  /** performance.now() when registered, on the clock of a sample's `monotonic`. */
  registeredAt: number;
}

export class StartedProcesses {
  private readonly started = new Map<number, Origin>();

  /** `startTime` 0 matches the PID alone: for workers, and for sources whose start times are whole seconds. */
  register(pid: number, ppid: number, startTime: number, now = performance.now()): void {
    this.started.set(pid, { ppid, startTime, registeredAt: now });
  }

  /** Which started processes `rows` show under another parent; forgets those that are gone. */
  orphans(rows: readonly { pid: number; ppid: number; startTime: number }[], sampledAt: number): ReadonlySet<number> {
    if (this.started.size === 0) return NO_ORPHANS;
    const orphans = new Set<number>();
    const seen = new Set<number>();
    for (const row of rows) {
      const origin = this.started.get(row.pid);
      if (!origin) continue;
      if (origin.startTime !== 0 && origin.startTime !== row.startTime) continue;
      seen.add(row.pid);
      if (row.ppid !== origin.ppid) orphans.add(row.pid);
    }
    // Forget a process only when a sample taken after it was registered no longer has it: one
    // read just before it started does not have it yet.
    for (const [pid, origin] of this.started) if (!seen.has(pid) && sampledAt > origin.registeredAt) this.started.delete(pid);
    return orphans.size > 0 ? orphans : NO_ORPHANS;
  }
}
