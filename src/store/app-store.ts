// The one store: the latest sample, the rows derived from it, the view state and the actions that
// change them. A zustand vanilla store, so the poller and the pool talk to it without React.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ColumnId } from '../model/columns.js';
import { COLUMNS } from '../model/columns.js';
import { deriveRows, type ProcessRow } from '../model/process-row.js';
import { descendants } from '../model/ancestry.js';
import { collapseNode, expandNode, pruneCollapsed, toggleAll } from '../model/tree-collapse.js';
import { sanitizeText } from '../model/sanitize.js';
import { findMatch } from '../model/search.js';
import type { PoolSnapshot } from '../pool/pool-snapshot.js';
import type { Sample } from '../sampling/types.js';
import { computeVisible, type RowDecoration } from './compute-visible.js';
import type { PoolPlan } from './pool-actions.js';
import { mergeNews } from './message-policy.js';
import { cursorAt, placeCursor } from './place-cursor.js';
import {
  initialView,
  MESSAGE_TTL_MS,
  type Cursor,
  type Message,
  type MessageLevel,
  type Mode,
  type SignalRequest,
  type ViewOptions,
  type ViewState,
} from './view-state.js';

export interface AppData {
  /** The sample on screen (while frozen, the poller holds newer ones). */
  sample: Sample | null;
  /** Every process of the sample, with CPU% and MEM%. */
  rows: ProcessRow[];
  /** The rows on screen, in order, after filters and sort (or tree order). */
  visible: ProcessRow[];
  decorations: ReadonlyMap<number, RowDecoration>;
  view: ViewState;
  cursor: Cursor;
  message: Message | null;
  /** Processes pooltop started whose parent is no longer the one that started them (the pool bridge marks them). */
  orphans: ReadonlySet<number>;
  /** Tagged processes (Space, `c`): PID → the start time the row showed, so a reused PID is not tagged. */
  tags: ReadonlyMap<number, number>;
  /**
   * Every tagged process has exited since the tags were set: z, r and k act on nothing (never on
   * the selection, which the user did not pick) until Space, c or U.
   */
  tagsGone: boolean;
  /** The pool as its manager last described it; null when none has run. */
  pool: PoolSnapshot | null;
  poolPlan: PoolPlan;
}

export interface AppActions {
  /** Shows `sample`, its CPU% measured since `base` (by default the sample on screen). */
  applySample(sample: Sample, base?: Sample | null): void;
  setViewport(pageSize: number, screenLines?: number): void;
  moveBy(delta: number): void;
  moveTo(index: number): void;
  movePage(direction: 1 | -1): void;
  selectPid(pid: number): boolean;
  setMode(mode: Mode, menuIndex?: number): void;
  setMenuIndex(index: number): void;
  /** Sort on `key`; `inverted` defaults to flipping when the key is already the sort key. */
  setSort(key: ColumnId, inverted?: boolean): void;
  cycleSort(delta: 1 | -1): void;
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
  toggleFreeze(): void;
  toggleFollow(): void;
  /** `W`: show or hide the pool panel. */
  togglePoolPanel(): void;
  toggleTree(): void;
  /** `-`: fold the selected process's subtree. */
  collapseSelected(): void;
  /** `+`: unfold it. */
  expandSelected(): void;
  /** `*`: fold everything, or unfold everything when anything is folded. */
  toggleCollapseAll(): void;
  /** `a`: the chain of parents of the selected process. */
  openAncestry(): void;
  /** Space: tag or untag the selected process. */
  toggleTag(): void;
  /** `c`: tag the selected process and all its descendants. */
  tagWithDescendants(): void;
  /** `U`: untag everything. */
  untagAll(): void;
  /** Mirrors the pool manager's snapshot. */
  setPool(pool: PoolSnapshot | null): void;
  setOrphans(orphans: ReadonlySet<number>): void;
  setPoolPlan(change: Partial<PoolPlan>): void;
  /** Opens the signal menu (or the confirmation when `signal` is given) for these targets. */
  openSignal(request: SignalRequest, mode: 'signal' | 'confirm'): void;
  notify(text: string, level?: MessageLevel, kind?: 'signal'): void;
  expireMessage(now?: number): void;
}

export type AppState = AppData & AppActions;
export type AppStore = StoreApi<AppState>;

export function createAppStore(options: ViewOptions = {}): AppStore {
  return createStore<AppState>()((set, get) => {
    /** Recomputes the visible rows and places the cursor; `extra` is merged into the same update. */
    const relayout = (rows: ProcessRow[], view: ViewState, extra: Partial<AppData> = {}): void => {
      const table = computeVisible(rows, view);
      const before = get().cursor;
      const placed = placeCursor(table.pids, before, view.pageSize, view.follow);
      let message = extra.message ?? get().message;
      let nextView = view;
      if (placed.moved && before.pid !== null && !rows.some((r) => r.pid === before.pid)) {
        const target = placed.cursor.pid;
        const moved = `PID ${before.pid} exited; ${view.follow ? 'following stopped; ' : ''}${target !== null ? `selection moved to PID ${target}` : 'no process left to select'}`;
        message = mergeNews(message, moved, Date.now());
        if (view.follow) nextView = { ...view, follow: false };
      }
      set({
        ...extra,
        rows,
        visible: table.rows,
        decorations: table.decorations,
        view: nextView,
        cursor: placed.cursor,
        message,
      });
    };

    const updateView = (patch: Partial<ViewState>, extra: Partial<AppData> = {}): void => {
      const view = { ...get().view, ...patch };
      relayout(get().rows, view, extra);
    };

    const moveCursor = (index: number): void => {
      const { visible, cursor, view } = get();
      const pids = visible.map((r) => r.pid);
      set({
        cursor: cursorAt(pids, index, cursor, view.pageSize),
        // A movement key ends following, as in htop.
        view: view.follow ? { ...view, follow: false } : view,
      });
    };

    const show = (sample: Sample, base: Sample | null): void => {
      const rows = deriveRows(base, sample);
      const view = get().view;
      // A PID that ends and comes back must not come back folded, nor tagged.
      const collapsed = pruneCollapsed(view.collapsed, rows);
      const tags = pruneTags(get().tags, rows);
      relayout(rows, collapsed === view.collapsed ? view : { ...view, collapsed }, {
        sample,
        tags,
        tagsGone: get().tagsGone || (tags.size === 0 && get().tags.size > 0),
      });
    };

    const setTags = (tags: ReadonlyMap<number, number>): void => {
      set({ tags, tagsGone: false, message: makeMessage(tags.size > 0 ? `${tags.size} tagged: k, z and r act on all of them` : 'no process tagged', 'info') });
    };

    const foldSelected = (change: (collapsed: ReadonlySet<number>, pid: number) => ReadonlySet<number>): void => {
      const { view, cursor } = get();
      if (!view.tree) {
        get().notify('folding works in tree view: press t first', 'info');
        return;
      }
      if (cursor.pid === null) return;
      const collapsed = change(view.collapsed, cursor.pid);
      if (collapsed !== view.collapsed) updateView({ collapsed });
    };

    const jumpToMatch = (query: string, from: number, direction: 1 | -1, includeFrom: boolean): boolean => {
      const { visible } = get();
      const index = findMatch(visible, query, from, direction, includeFrom);
      if (index >= 0) moveCursor(index);
      return index >= 0;
    };

    return {
      sample: null,
      rows: [],
      visible: [],
      decorations: new Map(),
      view: initialView(options),
      cursor: { pid: null, index: 0, scrollTop: 0, anchored: false },
      message: null,
      orphans: NO_ORPHANS,
      tags: new Map(),
      tagsGone: false,
      pool: null,
      poolPlan: { workload: { workload: 'primes', method: 'naive' }, trap: false },

      applySample(sample, base = get().sample) {
        show(sample, base);
      },

      setViewport(pageSize, screenLines = get().view.screenLines) {
        const size = Math.max(1, Math.floor(pageSize));
        const view = get().view;
        if (size !== view.pageSize || screenLines !== view.screenLines) updateView({ pageSize: size, screenLines });
      },

      moveBy(delta) {
        moveCursor(get().cursor.index + delta);
      },
      moveTo(index) {
        moveCursor(index < 0 ? get().visible.length + index : index);
      },
      movePage(direction) {
        moveCursor(get().cursor.index + direction * Math.max(1, get().view.pageSize - 1));
      },
      selectPid(pid) {
        const index = get().visible.findIndex((r) => r.pid === pid);
        if (index < 0) return false;
        moveCursor(index);
        return true;
      },

      setMode(mode, menuIndex = 0) {
        const view = get().view;
        // Leaving the signal menu or its question drops what it was about.
        const signal = mode === 'signal' || mode === 'confirm' ? view.signal : null;
        set({ view: { ...view, mode, menuIndex, signal } });
      },
      setMenuIndex(index) {
        set({ view: { ...get().view, menuIndex: index } });
      },

      setSort(key, inverted) {
        const { sort } = get().view;
        // Picking the current column again flips it, as clicking a header does in htop.
        updateView({ sort: { key, inverted: inverted ?? (key === sort.key ? !sort.inverted : false) } });
      },
      cycleSort(delta) {
        const ids = COLUMNS.map((c) => c.id);
        const at = ids.indexOf(get().view.sort.key);
        const key = ids[(at + delta + ids.length) % ids.length] ?? 'cpu';
        updateView({ sort: { key, inverted: false } });
      },
      invertSort() {
        const { sort } = get().view;
        updateView({ sort: { ...sort, inverted: !sort.inverted } });
      },

      beginSearch() {
        const view = get().view;
        set({ view: { ...view, mode: 'search', search: { query: '', editing: true, originPid: get().cursor.pid } } });
      },
      typeSearch(query) {
        const view = get().view;
        set({ view: { ...view, search: { ...view.search, query } } });
        if (query === '') return;
        if (!jumpToMatch(query, get().cursor.index, 1, true)) {
          set({ message: makeMessage(`no process matches "${sanitizeText(query)}"`, 'warn') });
        }
      },
      commitSearch() {
        const view = get().view;
        set({ view: { ...view, mode: 'main', search: { ...view.search, editing: false } } });
      },
      cancelSearch() {
        const view = get().view;
        const origin = view.search.originPid;
        set({ view: { ...view, mode: 'main', search: { query: '', editing: false, originPid: null } } });
        if (origin !== null) get().selectPid(origin);
      },
      searchNext(direction) {
        const { query } = get().view.search;
        if (query === '') {
          get().notify('no search: press / to search', 'info');
          return;
        }
        if (!jumpToMatch(query, get().cursor.index, direction, false)) {
          get().notify(`no process matches "${sanitizeText(query)}"`, 'warn');
        }
      },

      clearSearch() {
        const view = get().view;
        if (view.search.query !== '') set({ view: { ...view, search: { query: '', editing: false, originPid: null } } });
      },

      beginFilter() {
        const view = get().view;
        set({ view: { ...view, mode: 'filter', filterOrigin: view.filterText } });
      },
      typeFilter(text) {
        updateView({ filterText: text });
      },
      commitFilter() {
        updateView({ mode: 'main' });
      },
      cancelFilter() {
        // Esc clears the filter, as in htop.
        updateView({ mode: 'main', filterText: '' });
      },
      setUserFilter(user) {
        updateView({ user, mode: 'main' });
      },

      toggleFreeze() {
        set({ view: { ...get().view, frozen: !get().view.frozen } });
      },
      togglePoolPanel() {
        const view = get().view;
        set({ view: { ...view, poolPanel: !view.poolPanel } });
      },
      toggleFollow() {
        const { view, cursor } = get();
        const follow = !view.follow && cursor.pid !== null;
        set({
          view: { ...view, follow },
          message: makeMessage(follow ? `following PID ${cursor.pid}` : 'follow off', 'info'),
        });
      },

      toggleTree() {
        updateView({ tree: !get().view.tree });
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
        updateView({ collapsed: toggleAll(rows, view.collapsed) });
      },
      openAncestry() {
        const pid = get().cursor.pid;
        if (pid === null) return;
        set({ view: { ...get().view, mode: 'ancestry', menuIndex: 0, focusPid: pid } });
      },
      toggleTag() {
        const row = selectedRow(get());
        if (!row) return;
        const tags = new Map(get().tags);
        if (tags.has(row.pid)) tags.delete(row.pid);
        else tags.set(row.pid, row.startTime);
        setTags(tags);
        // Like htop, Space moves on, so a run of rows is tagged by holding it down.
        get().moveBy(1);
      },
      tagWithDescendants() {
        const row = selectedRow(get());
        if (!row) return;
        const { rows } = get();
        const byPid = new Map(rows.map((r) => [r.pid, r]));
        const tags = new Map(get().tags);
        for (const pid of [row.pid, ...descendants(rows, row.pid)]) {
          const r = byPid.get(pid);
          if (r) tags.set(pid, r.startTime);
        }
        setTags(tags);
      },
      untagAll() {
        setTags(new Map());
      },
      setPool(pool) {
        set({ pool });
      },
      setOrphans(orphans) {
        set({ orphans });
      },
      setPoolPlan(change) {
        set({ poolPlan: { ...get().poolPlan, ...change } });
      },
      openSignal(request, mode) {
        set({ view: { ...get().view, mode, signal: request } });
      },

      notify(text, level = 'info', kind) {
        set({ message: kind ? { ...makeMessage(text, level), kind } : makeMessage(text, level) });
      },
      expireMessage(now = Date.now()) {
        const { message } = get();
        if (message && now - message.at > MESSAGE_TTL_MS) set({ message: null });
      },
    };
  });
}

export const NO_ORPHANS: ReadonlySet<number> = new Set();

/** Tags of processes still there with the same start time; the same map when nothing went. */
function pruneTags(tags: ReadonlyMap<number, number>, rows: readonly ProcessRow[]): ReadonlyMap<number, number> {
  if (tags.size === 0) return tags;
  const kept = new Map<number, number>();
  for (const row of rows) {
    const startTime = tags.get(row.pid);
    if (startTime !== undefined && startTime === row.startTime) kept.set(row.pid, startTime);
  }
  return kept.size === tags.size ? tags : kept;
}

function makeMessage(text: string, level: MessageLevel): Message {
  return { text, level, at: Date.now() };
}

/** The selected row, if any. */
export function selectedRow(state: AppData): ProcessRow | undefined {
  const row = state.visible[state.cursor.index];
  return row && row.pid === state.cursor.pid ? row : undefined;
}
