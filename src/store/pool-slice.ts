// The store's mirror of the pool: the manager's last snapshot and the processes it started that
// were orphaned (both put here by the pool bridge), the panel's visibility (`W`) and what the next
// pool will run (chosen in the `w` menu).
import type { PoolSnapshot } from '../pool/pool-snapshot.js';
import type { WorkloadChoice } from '../pool/task.js';
import type { SliceCreator } from './app-store.js';

/** What the next pool (or the next worker) starts with, chosen in the menu before or while one runs. */
interface PoolPlan {
  workload: WorkloadChoice;
  /** New workers catch and ignore SIGTERM and SIGINT. */
  trap: boolean;
}

export interface PoolSlice {
  /** The pool as its manager last described it; null when none has run. */
  pool: PoolSnapshot | null;
  /** Processes pooltop started whose parent is no longer the one that started them. */
  orphans: ReadonlySet<number>;
  /** The pool panel is shown while a pool runs (`W` hides it). */
  poolPanel: boolean;
  poolPlan: PoolPlan;
  setPool(pool: PoolSnapshot | null): void;
  setOrphans(orphans: ReadonlySet<number>): void;
  /** `W`: show or hide the pool panel. */
  togglePoolPanel(): void;
  setPoolPlan(change: Partial<PoolPlan>): void;
}

export const NO_ORPHANS: ReadonlySet<number> = new Set();

export const createPoolSlice: SliceCreator<PoolSlice> = (set, get) => ({
  pool: null,
  orphans: NO_ORPHANS,
  poolPanel: true,
  poolPlan: { workload: { workload: 'primes', method: 'naive' }, trap: false },

  setPool(pool) {
    set({ pool });
  },
  setOrphans(orphans) {
    set({ orphans });
  },
  togglePoolPanel() {
    set({ poolPanel: !get().poolPanel });
  },
  setPoolPlan(change) {
    set({ poolPlan: { ...get().poolPlan, ...change } });
  },
});
