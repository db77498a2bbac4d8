// From all rows to the rows on screen, in order: hidden kinds of thread left out, the subtree
// view's process and its descendants kept, filtered by user, PIDs and text, then sorted — or, in
// tree view, walked depth-first with the ancestors of matches kept (dimmed).
import { descendants } from '../model/ancestry.js';
import { buildTree } from '../model/build-tree.js';
import { filterRows, isFilterActive, rowMatchesFilter, type RowFilter } from '../model/filter-rows.js';
import type { ProcessRow } from '../model/process-row.js';
import { compareRows, sortRows } from '../model/sort-rows.js';
import type { ViewState } from './view-state.js';

/** How a visible row is drawn beyond its columns (tree guides, dimmed ancestors, folds). */
export interface RowDecoration {
  /** Drawn before the command: tree guides such as "│  ├─ ". */
  guide: string;
  /** Shown only to connect the tree to a match, not a match itself. */
  dimmed: boolean;
  /** Descendants hidden under a collapsed node (0 when expanded or a leaf). */
  folded: number;
}

export interface VisibleTable {
  rows: ProcessRow[];
  pids: number[];
  decorations: ReadonlyMap<number, RowDecoration>;
}

const NO_DECORATIONS: ReadonlyMap<number, RowDecoration> = new Map();

function rowFilterOf(view: ViewState): RowFilter {
  return { user: view.user, pids: view.pids, text: view.filterText };
}

/** The rows without the kinds of thread the view hides (the same array when it hides none of them). */
function withoutHiddenThreads(rows: readonly ProcessRow[], view: Pick<ViewState, 'hideKernelThreads' | 'hideUserlandThreads'>): readonly ProcessRow[] {
  const hidden = (row: ProcessRow): boolean => (view.hideKernelThreads && row.kernelThread) || (view.hideUserlandThreads && row.threadOf !== undefined);
  return rows.some(hidden) ? rows.filter((row) => !hidden(row)) : rows;
}

/** The PIDs (and TIDs of their threads) of the subtree view's process and its descendants now; null without one. */
function subtreeOf(rows: readonly ProcessRow[], view: ViewState): ReadonlySet<number> | null {
  const { subtree } = view;
  if (subtree === null) return null;
  if (!rows.some((r) => r.pid === subtree.pid && r.startTime === subtree.startTime)) return new Set();
  const processes = new Set([subtree.pid, ...descendants(rows, subtree.pid)]);
  for (const row of rows) if (row.threadOf !== undefined && processes.has(row.threadOf)) processes.add(row.pid);
  return processes;
}

export function computeVisible(all: readonly ProcessRow[], view: ViewState): VisibleTable {
  const rows = withoutHiddenThreads(all, view);
  const subtree = subtreeOf(rows, view);
  if (view.tree) {
    const filter = rowFilterOf(view);
    const active = isFilterActive(filter);
    const lines = buildTree(rows, {
      compare: compareRows(view.sort),
      collapsed: view.collapsed,
      matches:
        subtree !== null
          ? (row) => subtree.has(row.pid) && (!active || rowMatchesFilter(row, filter))
          : active
            ? (row) => rowMatchesFilter(row, filter)
            : undefined,
    });
    const decorations = new Map<number, RowDecoration>();
    for (const line of lines) decorations.set(line.row.pid, { guide: line.guide, dimmed: line.dimmed, folded: line.folded });
    const visible = lines.map((line) => line.row);
    return { rows: visible, pids: visible.map((r) => r.pid), decorations };
  }
  const sorted = sortRows(filterRows(subtree === null ? rows : rows.filter((r) => subtree.has(r.pid)), rowFilterOf(view)), view.sort);
  return { rows: sorted, pids: sorted.map((r) => r.pid), decorations: NO_DECORATIONS };
}
