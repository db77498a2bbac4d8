// The sample on screen and the rows derived from it, with new and just-exited rows marked when
// asked; freezing (`Z`) stops new samples from showing (the poller holds them meanwhile).
import { deriveRows, type ProcessRow } from '../model/process-row.js';
import { markChanges, NO_CHANGES, type RowChange } from '../model/row-changes.js';
import { pruneCollapsed } from '../model/tree-collapse.js';
import type { Sample } from '../sampling/types.js';
import type { SliceCreator } from './app-store.js';
import type { RowDecoration } from './compute-visible.js';
import { sameItemsOr } from './same-items.js';
import { layoutTable } from './table-layout.js';
import { historyAfter, recordProcessCpu } from './history-slice.js';
import { tagsAfter } from './tags-slice.js';

export interface TableSlice {
  /** The sample on screen. */
  sample: Sample | null;
  /** Every process of the sample, with CPU% and MEM%. */
  rows: ProcessRow[];
  /** The rows on screen, in order, after filters and sort (or tree order). */
  visible: ProcessRow[];
  decorations: ReadonlyMap<number, RowDecoration>;
  /** With highlighting on (view.highlightMs): rows of processes that started a moment ago, and rows kept one refresh after their process exited. */
  changes: ReadonlyMap<number, RowChange>;
  /** Updates frozen (`Z`): samples are still taken but the screen does not change. */
  frozen: boolean;
  /** Shows `sample`, its CPU% measured since `base` (by default the sample on screen). */
  applySample(sample: Sample, base?: Sample | null): void;
  toggleFreeze(): void;
}

export const createTableSlice: SliceCreator<TableSlice> = (set, get) => ({
  sample: null,
  rows: [],
  visible: [],
  decorations: new Map(),
  changes: NO_CHANGES,
  frozen: false,

  applySample(sample, base = get().sample) {
    const state = get();
    const derived = deriveRows(base, sample);
    // Before the layout: the CPU graph column may be what the rows are sorted by.
    recordProcessCpu(state, derived, base !== null);
    const { highlightMs, hideUserlandThreads } = state.view;
    const marked =
      highlightMs > 0
        ? markChanges(state.rows, state.changes, derived, { now: sample.time, newForMs: highlightMs, threadsListed: !hideUserlandThreads })
        : { rows: derived, changes: NO_CHANGES };
    // Every process as it was (each row the same object): the rows, and all made from them, stay.
    const rows = sameItemsOr(state.rows, marked.rows);
    const { changes } = marked;
    // A PID that ends and comes back must not come back folded, nor tagged.
    const collapsed = pruneCollapsed(state.view.collapsed, rows);
    const view = collapsed === state.view.collapsed ? state.view : { ...state.view, collapsed };
    set({ sample, changes, ...tagsAfter(state, rows), ...layoutTable(state, rows, view, Date.now()), ...historyAfter(state, sample, base, rows) });
  },
  toggleFreeze() {
    set({ frozen: !get().frozen });
  },
});
