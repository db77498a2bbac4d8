// The selection and how it moves: arrow keys, pages, Home and End, to a PID (typed in digits, as
// htop's "Numbers"), and follow (`F`).
import type { ProcessRow } from '../model/process-row.js';
import type { SliceCreator } from './app-store.js';
import { makeMessage } from './messages-slice.js';
import { cursorAt, type Cursor } from './place-cursor.js';

export interface NavigationSlice {
  cursor: Cursor;
  /** Follow (`F`): the selected process keeps its screen line while others move around it. */
  follow: boolean;
  moveBy(delta: number): void;
  /** To row `index`; a negative index counts from the end (-1 is the last row). */
  moveTo(index: number): void;
  movePage(direction: 1 | -1): void;
  /** Selects the row of `pid`; false when no row on screen has it. */
  selectPid(pid: number): boolean;
  toggleFollow(): void;
  /** Digits typed in a row on the main screen: the PID they spell so far ('' after any other key). */
  pidTyped: string;
  /** A digit key: the PID typed so far gets it, and its row is selected when one shows it. */
  typePidDigit(digit: string): void;
  /** Any other key: the next digit starts a new PID. */
  resetPidTyped(): void;
}

/** As in htop, a PID typed past this many starts over with the next digit. */
const PID_TYPED_LIMIT = 10_000_000;

export const createNavigationSlice: SliceCreator<NavigationSlice> = (set, get) => {
  const moveCursor = (index: number): void => {
    const { visible, cursor, view } = get();
    const pids = visible.map((r) => r.pid);
    // A movement key ends following, as in htop.
    set({ cursor: cursorAt(pids, index, cursor, view.pageSize), follow: false });
  };

  return {
    cursor: { pid: null, index: 0, scrollTop: 0, anchored: false },
    follow: false,
    pidTyped: '',

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
    toggleFollow() {
      const { follow: before, cursor } = get();
      const follow = !before && cursor.pid !== null;
      set({ follow, message: makeMessage(follow ? `following PID ${cursor.pid}` : 'follow off', 'info') });
    },
    typePidDigit(digit) {
      const before = get().pidTyped;
      const typed = Number(before) * 10 > PID_TYPED_LIMIT ? digit : before + digit;
      const pid = Number(typed);
      const found = get().selectPid(pid);
      const text = found
        ? `PID ${pid} selected (digits type a PID; any other key starts over)`
        : `no row shows PID ${pid}: type more digits, or any other key to start over`;
      set({ pidTyped: typed, message: makeMessage(text, found ? 'info' : 'warn') });
    },
    resetPidTyped() {
      if (get().pidTyped !== '') set({ pidTyped: '' });
    },
  };
};

/** The selected row, if any. */
export function selectedRow(state: { visible: readonly ProcessRow[]; cursor: Cursor }): ProcessRow | undefined {
  const row = state.visible[state.cursor.index];
  return row && row.pid === state.cursor.pid ? row : undefined;
}
