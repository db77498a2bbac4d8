// What the user is looking at, as plain data: sort, filters, search, modes, the cursor.
import type { ColumnId } from '../model/columns.js';
import type { SortOrder } from '../model/sort-rows.js';

/** Which screen or prompt has the keyboard. */
export type Mode = 'main' | 'help' | 'search' | 'filter' | 'user' | 'sort' | 'ancestry' | 'signal' | 'confirm' | 'pool';

/** A process a signal will go to, fixed when the menu opened (with the start time the row showed). */
export interface PendingTarget {
  pid: number;
  startTime: number;
  command: string;
}

/** What the signal menu and its confirmation are about. */
export interface SignalRequest {
  targets: readonly PendingTarget[];
  /** Digits typed in the menu, to jump to a signal by number ("1", "15"). */
  digits: string;
  /** Set when a confirmation is asked: the signal's name, or 'subtree' for kill-the-subtree. */
  signal: string | null;
  /** The question shown while confirming. */
  prompt: string;
}

export interface SearchState {
  query: string;
  /** The prompt is open and keys type into it. */
  editing: boolean;
  /** Where the selection was when the search began, for Esc to go back to. */
  originPid: number | null;
}

export interface ViewState {
  mode: Mode;
  sort: SortOrder;
  /** Filter typed with `\` or F4: command lines containing this text. */
  filterText: string;
  /** The filter text before the prompt opened, for Esc. */
  filterOrigin: string;
  /** Only this user's processes (`u`, `-u`). */
  user: string | null;
  /** Only these PIDs (`-p`). */
  pids: ReadonlySet<number> | null;
  search: SearchState;
  /** Tree view (`t`): rows in PID/PPID depth-first order. */
  tree: boolean;
  /** PIDs whose subtrees are folded in tree view (`-`, `+`, `*`). */
  collapsed: ReadonlySet<number>;
  /** Updates frozen (`Z`): samples are still taken but the screen does not change. */
  frozen: boolean;
  /** Follow (`F`): the selected process keeps its screen line while others move around it. */
  follow: boolean;
  /** The highlighted entry of whichever menu is open (or the scroll of an overlay). */
  menuIndex: number;
  /** The process an overlay is about (the ancestry panel), fixed when it opened. */
  focusPid: number | null;
  /** The open signal menu or confirmation. */
  signal: SignalRequest | null;
  /** The pool panel is shown while a pool runs (`W` hides it). */
  poolPanel: boolean;
  /** Rows the table can show; set by the UI from the terminal's size. */
  pageSize: number;
  /** Lines of the whole screen (the help screen scrolls within them). */
  screenLines: number;
}

/** The selection, by PID, plus where it was: the index to fall back on when the PID goes away. */
export interface Cursor {
  pid: number | null;
  index: number;
  scrollTop: number;
  /**
   * false until the user first picks a row: until then the selection keeps its place on screen
   * (the top row, as htop starts) instead of riding its process down as busier ones sort above it.
   */
  anchored?: boolean;
}

export type MessageLevel = 'info' | 'warn' | 'error';

export interface Message {
  text: string;
  level: MessageLevel;
  /** Date.now() when shown; messages fade after MESSAGE_TTL_MS. */
  at: number;
  /** A signal's result: news a selection moving off the process it ended is added to, not put over. */
  kind?: 'signal';
  /** The message as first shown, before news was added to it (each addition replaces the last). */
  base?: string;
}

export const MESSAGE_TTL_MS = 6000;

export interface ViewOptions {
  sortKey?: ColumnId;
  inverted?: boolean;
  user?: string | null;
  pids?: readonly number[] | null;
  tree?: boolean;
}

export function initialView(options: ViewOptions = {}): ViewState {
  return {
    mode: 'main',
    sort: { key: options.sortKey ?? 'cpu', inverted: options.inverted ?? false },
    filterText: '',
    filterOrigin: '',
    user: options.user ?? null,
    pids: options.pids && options.pids.length > 0 ? new Set(options.pids) : null,
    search: { query: '', editing: false, originPid: null },
    tree: options.tree ?? false,
    collapsed: new Set(),
    frozen: false,
    follow: false,
    menuIndex: 0,
    focusPid: null,
    signal: null,
    poolPanel: true,
    pageSize: 20,
    screenLines: 24,
  };
}
