// The sample on screen and the rows derived from it; freezing (`Z`) stops new samples from showing
// (the poller holds them meanwhile).
import { deriveRows, type ProcessRow } from '../model/process-row.js';
import { pruneCollapsed } from '../model/tree-collapse.js';
import type { Sample } from '../sampling/types.js';
import type { SliceCreator } from './app-store.js';
import type { RowDecoration } from './compute-visible.js';
import { layoutTable } from './table-layout.js';
import { historyAfter } from './history-slice.js';
import { tagsAfter } from './tags-slice.js';

export interface TableSlice {
  /** The sample on screen. */
  sample: Sample | null;
  /** Every process of the sample, with CPU% and MEM%. */
  rows: ProcessRow[];
  /** The rows on screen, in order, after filters and sort (or tree order). */
  visible: ProcessRow[];
  decorations: ReadonlyMap<number, RowDecoration>;
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
  frozen: false,

  applySample(sample, base = get().sample) {
    const state = get();
    const rows = deriveRows(base, sample);
    // A PID that ends and comes back must not come back folded, nor tagged.
    const collapsed = pruneCollapsed(state.view.collapsed, rows);
    const view = collapsed === state.view.collapsed ? state.view : { ...state.view, collapsed };
    set({ sample, ...tagsAfter(state, rows), ...layoutTable(state, rows, view, Date.now()), ...historyAfter(state, sample, base, rows) });
  },
  toggleFreeze() {
    set({ frozen: !get().frozen });
  },
});
