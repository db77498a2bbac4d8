// From all rows to the rows on screen, in order: filtered by user, PIDs and text, then sorted —
// or, in tree view, walked depth-first with the ancestors of matches kept (dimmed).
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

export function computeVisible(rows: readonly ProcessRow[], view: ViewState): VisibleTable {
  if (view.tree) {
    const filter = rowFilterOf(view);
    const lines = buildTree(rows, {
      compare: compareRows(view.sort),
      collapsed: view.collapsed,
      matches: isFilterActive(filter) ? (row) => rowMatchesFilter(row, filter) : undefined,
    });
    const decorations = new Map<number, RowDecoration>();
    for (const line of lines) decorations.set(line.row.pid, { guide: line.guide, dimmed: line.dimmed, folded: line.folded });
    const visible = lines.map((line) => line.row);
    return { rows: visible, pids: visible.map((r) => r.pid), decorations };
  }
  const sorted = sortRows(filterRows(rows, rowFilterOf(view)), view.sort);
  return { rows: sorted, pids: sorted.map((r) => r.pid), decorations: NO_DECORATIONS };
}
