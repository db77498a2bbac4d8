// What the table shows and how: sort, search, filter, user, tree view and its folds, which threads,
// the command column's sideways scroll, and the room the terminal gives it. Every change lays the
// table out again.
import type { ColumnId } from '../model/columns.js';
import type { SortOrder } from '../model/sort-rows.js';
import { commandCellWidth } from '../model/format-row.js';
import { sanitizeText } from '../model/sanitize.js';
import { shownCommand } from '../model/thread-rows.js';
import { findMatch } from '../model/search.js';
import { collapseNode, expandNode, toggleAll } from '../model/tree-collapse.js';
import type { ProcessRow } from '../model/process-row.js';
import type { AppState, SliceCreator } from './app-store.js';
import { makeMessage } from './messages-slice.js';
import { layoutTable } from './table-layout.js';
import { initialView, type ViewOptions, type ViewState } from './view-state.js';

export interface ViewSlice {
  view: ViewState;
  setViewport(pageSize: number, screenLines?: number): void;
  /** Sort on `key`; `inverted` defaults to flipping when the key is already the sort key. */
  setSort(key: ColumnId, inverted?: boolean): void;
  /** `<` `>`: the next column shown to the left or right. */
  cycleSort(delta: 1 | -1): void;
  /** The table's columns, in order (the setup screen); an empty list is refused. */
  setColumns(columns: readonly ColumnId[]): void;
  /** Another screen's columns and sort at once (Tab), with `extra` in the same update. */
  showTable(columns: readonly ColumnId[], sort: SortOrder, extra?: Partial<AppState>): void;
  invertSort(): void;
  beginSearch(): void;
  typeSearch(query: string): void;
  commitSearch(): void;
  cancelSearch(): void;
  searchNext(direction: 1 | -1): void;
  clearSearch(): void;
  beginFilter(): void;
  typeFilter(text: string): void;
  commitFilter(): void;
  cancelFilter(): void;
  setUserFilter(user: string | null): void;
  toggleTree(): void;
  /** `o`: only the selected process and its descendants (ancestors dimmed in tree view); again: every process. */
  toggleSubtree(): void;
  /** Only `pid` (started at `startTime`) and its descendants, in tree view: `pooltop run`'s view. */
  showSubtree(pid: number, startTime: number): void;
  /** `J`: show or hide the job-control columns (PGRP, SID, TPGID). */
  toggleJobColumns(): void;
  /** `-`: fold the selected process's subtree. */
  collapseSelected(): void;
  /** `+`: unfold it. */
  expandSelected(): void;
  /** `*`: fold everything, or unfold everything when anything is folded. */
  toggleCollapseAll(): void;
  /** `K`: show or hide kernel threads. */
  toggleKernelThreads(): void;
  /** `H`: show or hide user threads (the next sample reads them). */
  toggleUserlandThreads(): void;
  /** ← →: scroll the command column by `cells`, no further right than the longest command on the page needs. */
  scrollSideways(cells: number): void;
  /** Ctrl-A / Ctrl-E: the start of the command column, or the end of the selected row's command. */
  scrollToLineEdge(edge: 'start' | 'end'): void;
  /** The command column's width on screen, from the UI. */
  setCommandWidth(width: number): void;
}

/** Cells a press of ← or → scrolls, as htop's (5; htop takes 20 on the Linux console). */
export const SCROLL_STEP = 5;

export const createViewSlice =
  (options: ViewOptions): SliceCreator<ViewSlice> =>
  (set, get) => {
    /** Applies `patch` to the view and lays the table out again; `extra` goes into the same update. */
    const relayout = (patch: Partial<ViewState>, extra: Partial<AppState> = {}): void => {
      const state = get();
      set({ ...extra, ...layoutTable(state, state.rows, { ...state.view, ...patch }, Date.now()) });
    };

    const setSearch = (search: Partial<ViewState['search']>, extra: Partial<AppState> = {}): void => {
      const view = get().view;
      set({ ...extra, view: { ...view, search: { ...view.search, ...search } } });
    };

    const foldSelected = (change: (collapsed: ReadonlySet<number>, pid: number) => ReadonlySet<number>): void => {
      const { view, cursor } = get();
      if (!view.tree) {
        get().notify('folding works in tree view: press t first', 'info');
        return;
      }
      if (cursor.pid === null) return;
      const collapsed = change(view.collapsed, cursor.pid);
      if (collapsed !== view.collapsed) relayout({ collapsed });
    };

    const jumpToMatch = (query: string, direction: 1 | -1, includeFrom: boolean): boolean => {
      const { visible, cursor } = get();
      const index = findMatch(visible, query, cursor.index, direction, includeFrom);
      if (index >= 0) get().moveTo(index);
      return index >= 0;
    };

    /** Cells the command column must scroll to show the end of `rows`' longest command. */
    const scrollRoom = (rows: readonly ProcessRow[]): number => {
      const { view, decorations } = get();
      let longest = 0;
      for (const row of rows) {
        const decoration = decorations.get(row.pid);
        longest = Math.max(longest, commandCellWidth(shownCommand(row, view.showThreadNames), decoration?.guide));
      }
      return Math.max(0, longest - view.commandWidth);
    };

    return {
      view: initialView(options),

      setViewport(pageSize, screenLines = get().view.screenLines) {
        const size = Math.max(1, Math.floor(pageSize));
        const view = get().view;
        if (size !== view.pageSize || screenLines !== view.screenLines) relayout({ pageSize: size, screenLines });
      },

      setSort(key, inverted) {
        const { sort } = get().view;
        // Picking the current column again flips it, as clicking a header does in htop.
        relayout({ sort: { key, inverted: inverted ?? (key === sort.key ? !sort.inverted : false) } });
      },
      cycleSort(delta) {
        const ids = get().view.columns;
        const at = ids.indexOf(get().view.sort.key);
        const key = at < 0 && delta < 0 ? (ids.at(-1) ?? 'cpu') : (ids[(at + delta + ids.length) % ids.length] ?? 'cpu');
        relayout({ sort: { key, inverted: false } });
      },
      setColumns(columns) {
        if (columns.length > 0) set({ view: { ...get().view, columns: [...columns] } });
      },
      showTable(columns, sort, extra) {
        relayout({ columns: [...columns], sort, scrollX: 0 }, extra);
      },
      invertSort() {
        const { sort } = get().view;
        relayout({ sort: { ...sort, inverted: !sort.inverted } });
      },

      beginSearch() {
        setSearch({ query: '', editing: true, originPid: get().cursor.pid }, { mode: 'search' });
      },
      typeSearch(query) {
        setSearch({ query });
        if (query !== '' && !jumpToMatch(query, 1, true)) set({ message: makeMessage(`no process matches "${sanitizeText(query)}"`, 'warn') });
      },
      commitSearch() {
        setSearch({ editing: false }, { mode: 'main' });
      },
      cancelSearch() {
        const origin = get().view.search.originPid;
        setSearch({ query: '', editing: false, originPid: null }, { mode: 'main' });
        if (origin !== null) get().selectPid(origin);
      },
      searchNext(direction) {
        const { query } = get().view.search;
        if (query === '') {
          get().notify('no search: press / to search', 'info');
          return;
        }
        if (!jumpToMatch(query, direction, false)) get().notify(`no process matches "${sanitizeText(query)}"`, 'warn');
      },
      clearSearch() {
        if (get().view.search.query !== '') setSearch({ query: '', editing: false, originPid: null });
      },

      beginFilter() {
        set({ mode: 'filter' });
      },
      typeFilter(text) {
        relayout({ filterText: text });
      },
      commitFilter() {
        set({ mode: 'main' });
      },
      cancelFilter() {
        // Esc clears the filter, as in htop.
        relayout({ filterText: '' }, { mode: 'main' });
      },
      setUserFilter(user) {
        relayout({ user }, { mode: 'main' });
      },

      toggleTree() {
        relayout({ tree: !get().view.tree });
      },
      toggleSubtree() {
        const { view, cursor, rows } = get();
        if (view.subtree !== null) {
          relayout({ subtree: null });
          get().notify('every process again', 'info');
          return;
        }
        const row = rows.find((r) => r.pid === cursor.pid);
        if (row === undefined) return get().notify('no process selected', 'warn');
        relayout({ subtree: { pid: row.pid, startTime: row.startTime } });
        get().notify(`only PID ${row.pid} and its descendants (o again: every process)`, 'info');
      },
      showSubtree(pid, startTime) {
        relayout({ subtree: { pid, startTime }, tree: true });
      },
      toggleJobColumns() {
        relayout({ jobColumns: !get().view.jobColumns });
      },
      collapseSelected() {
        foldSelected(collapseNode);
      },
      expandSelected() {
        foldSelected(expandNode);
      },
      toggleCollapseAll() {
        const { view, rows } = get();
        if (!view.tree) {
          get().notify('folding works in tree view: press t first', 'info');
          return;
        }
        relayout({ collapsed: toggleAll(rows, view.collapsed) });
      },

      toggleKernelThreads() {
        const hide = !get().view.hideKernelThreads;
        relayout({ hideKernelThreads: hide });
        get().notify(hide ? 'kernel threads hidden (K shows them)' : 'kernel threads shown (K hides them)');
      },
      toggleUserlandThreads() {
        const hide = !get().view.hideUserlandThreads;
        const capabilities = get().sample?.capabilities;
        const text = hide
          ? 'user threads hidden (H shows them)'
          : capabilities && !capabilities.threads
            ? `user threads: the ${get().sample?.source ?? ''} source lists no threads (--source procfs does)`
            : `user threads shown: one row per thread, under its process in tree view (H hides them)`;
        relayout({ hideUserlandThreads: hide });
        get().notify(text);
      },
      scrollSideways(cells) {
        const { view, visible, cursor } = get();
        const page = visible.slice(cursor.scrollTop, cursor.scrollTop + view.pageSize);
        const scrollX = Math.max(0, Math.min(view.scrollX + cells, Math.max(view.scrollX, scrollRoom(page))));
        if (scrollX !== view.scrollX) relayout({ scrollX });
      },
      scrollToLineEdge(edge) {
        const row = get().visible[get().cursor.index];
        const scrollX = edge === 'start' || !row ? 0 : scrollRoom([row]);
        if (scrollX !== get().view.scrollX) relayout({ scrollX });
      },
      setCommandWidth(width) {
        if (width !== get().view.commandWidth) set({ view: { ...get().view, commandWidth: width } });
      },
    };
  };
