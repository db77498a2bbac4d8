// The selection and how it moves: arrow keys, pages, Home and End, to a PID, and follow (`F`).
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
}

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
  };
};

/** The selected row, if any. */
export function selectedRow(state: { visible: readonly ProcessRow[]; cursor: Cursor }): ProcessRow | undefined {
  const row = state.visible[state.cursor.index];
  return row && row.pid === state.cursor.pid ? row : undefined;
}
