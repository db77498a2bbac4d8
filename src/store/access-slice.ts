// Read-only mode (`--readonly`, htop's --readonly): every key that would change a process — a
// signal, a pause, a renice, an I/O priority, an affinity, the pool, a trace — says so and does nothing.
import type { SliceCreator } from './app-store.js';

export interface AccessSlice {
  readonly: boolean;
  /** True (and a message naming `what`) when read-only mode refuses the action. */
  refuseInReadonly(what: string): boolean;
}

export const createAccessSlice =
  (readonly: boolean): SliceCreator<AccessSlice> =>
  (_set, get) => ({
    readonly,
    refuseInReadonly(what) {
      if (!get().readonly) return false;
      get().notify(`read-only: ${what} is disabled (pooltop runs with --readonly)`, 'warn');
      return true;
    },
  });
