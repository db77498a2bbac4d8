// What the table shows, as plain data: sort, filters, search, tree and folds, which threads, how
// far the command column is scrolled, and the room it has.
import { DEFAULT_COLUMNS, type ColumnId } from '../model/columns.js';
import type { SortOrder } from '../model/sort-rows.js';

interface SearchState {
  query: string;
  /** The prompt is open and keys type into it. */
  editing: boolean;
  /** Where the selection was when the search began, for Esc to go back to. */
  originPid: number | null;
}

export interface ViewState {
  /** The table's columns in order (F2 chooses them); the command is always drawn last. */
  columns: readonly ColumnId[];
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
  /** Kernel threads hidden (htop's `K`, on by default as in htop). */
  hideKernelThreads: boolean;
  /** User threads hidden (htop's `H`, on by default as in htop): off, each thread is a row under its process. */
  hideUserlandThreads: boolean;
  /** A thread's row shows its own name instead of its process's command line (htop's "Show custom thread names"). */
  showThreadNames: boolean;
  /** The program's base name drawn bold in the command (htop's "highlight program basename"). */
  highlightBaseName: boolean;
  /** Highlight new and exited processes (htop's -H): a process that started less than this long ago is drawn as new; 0 is off. */
  highlightMs: number;
  /** Cells of the command column scrolled out on the left (← →, Ctrl-A / Ctrl-E). */
  scrollX: number;
  /** Cells the command column has on screen; set by the UI, for Ctrl-E and the right end of →. */
  commandWidth: number;
  /**
   * Only this process and its descendants (`o`, `pooltop run`): the process as the row showed it
   * (its start time, so a reused PID shows nothing). In tree view its ancestors stay, dimmed.
   */
  subtree: { pid: number; startTime: number } | null;
  /** The job-control columns (PGRP, SID, TPGID) are shown (`J`). */
  jobColumns: boolean;
  /** Rows the table can show; set by the UI from the terminal's size. */
  pageSize: number;
  /** Lines of the whole screen (the help screen scrolls within them). */
  screenLines: number;
}

export interface ViewOptions {
  columns?: readonly ColumnId[];
  sortKey?: ColumnId;
  inverted?: boolean;
  user?: string | null;
  pids?: readonly number[] | null;
  tree?: boolean;
  hideKernelThreads?: boolean;
  hideUserlandThreads?: boolean;
  showThreadNames?: boolean;
  highlightBaseName?: boolean;
  highlightMs?: number;
  jobColumns?: boolean;
}

export function initialView(options: ViewOptions = {}): ViewState {
  return {
    columns: options.columns && options.columns.length > 0 ? [...options.columns] : DEFAULT_COLUMNS,
    sort: { key: options.sortKey ?? 'cpu', inverted: options.inverted ?? false },
    filterText: '',
    user: options.user ?? null,
    pids: options.pids && options.pids.length > 0 ? new Set(options.pids) : null,
    search: { query: '', editing: false, originPid: null },
    tree: options.tree ?? false,
    collapsed: new Set(),
    hideKernelThreads: options.hideKernelThreads ?? true,
    hideUserlandThreads: options.hideUserlandThreads ?? true,
    showThreadNames: options.showThreadNames ?? false,
    highlightBaseName: options.highlightBaseName ?? false,
    highlightMs: options.highlightMs ?? 0,
    scrollX: 0,
    commandWidth: 0,
    subtree: null,
    jobColumns: options.jobColumns ?? false,
    pageSize: 20,
    screenLines: 24,
  };
}
