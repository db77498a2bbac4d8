// What the table shows, as plain data: sort, filters, search, tree and folds, and the room it has.
import type { ColumnId } from '../model/columns.js';
import type { SortOrder } from '../model/sort-rows.js';

interface SearchState {
  query: string;
  /** The prompt is open and keys type into it. */
  editing: boolean;
  /** Where the selection was when the search began, for Esc to go back to. */
  originPid: number | null;
}

export interface ViewState {
  sort: SortOrder;
  /** Filter typed with `\` or F4: command lines containing this text. */
  filterText: string;
  /** Only this user's processes (`u`, `-u`). */
  user: string | null;
  /** Only these PIDs (`-p`). */
  pids: ReadonlySet<number> | null;
  search: SearchState;
  /** Tree view (`t`): rows in PID/PPID depth-first order. */
  tree: boolean;
  /** PIDs whose subtrees are folded in tree view (`-`, `+`, `*`). */
  collapsed: ReadonlySet<number>;
  /**
   * Only this process and its descendants (`o`, `pooltop run`): the process as the row showed it
   * (its start time, so a reused PID shows nothing). In tree view its ancestors stay, dimmed.
   */
  subtree: { pid: number; startTime: number } | null;
  /** The job-control columns (PGID, SID, TPGID) are shown (`J`). */
  jobColumns: boolean;
  /** Rows the table can show; set by the UI from the terminal's size. */
  pageSize: number;
  /** Lines of the whole screen (the help screen scrolls within them). */
  screenLines: number;
}

export interface ViewOptions {
  sortKey?: ColumnId;
  inverted?: boolean;
  user?: string | null;
  pids?: readonly number[] | null;
  tree?: boolean;
  jobColumns?: boolean;
}

export function initialView(options: ViewOptions = {}): ViewState {
  return {
    sort: { key: options.sortKey ?? 'cpu', inverted: options.inverted ?? false },
    filterText: '',
    user: options.user ?? null,
    pids: options.pids && options.pids.length > 0 ? new Set(options.pids) : null,
    search: { query: '', editing: false, originPid: null },
    tree: options.tree ?? false,
    collapsed: new Set(),
    subtree: null,
    jobColumns: options.jobColumns ?? false,
    pageSize: 20,
    screenLines: 24,
  };
}
