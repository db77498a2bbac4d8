// Keeping the selection on its process as rows move, and the selected row on screen.

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

export interface Placement {
  cursor: Cursor;
  /** The selected PID is no longer among the rows: the cursor moved to the nearest row. */
  moved: boolean;
}

/**
 * Where the cursor goes after the rows changed. It stays on its PID wherever that row now is;
 * if the PID is gone it takes the row now at its old index (the nearest one). Scrolling is the
 * least that keeps the row visible, or, when following, keeps the row on the same screen line.
 */
export function placeCursor(pids: readonly number[], cursor: Cursor, pageSize: number, follow: boolean): Placement {
  const count = pids.length;
  if (count === 0) {
    const empty: Cursor = { pid: null, index: 0, scrollTop: 0 };
    if (cursor.anchored === false) empty.anchored = false;
    return { cursor: empty, moved: cursor.pid !== null };
  }
  if (cursor.anchored === false) {
    const index = clamp(cursor.index, 0, count - 1);
    return { cursor: { pid: pids[index] ?? null, index, scrollTop: scrollFor(index, cursor.scrollTop, pageSize, count), anchored: false }, moved: false };
  }
  let index = cursor.pid === null ? -1 : pids.indexOf(cursor.pid);
  const moved = index < 0 && cursor.pid !== null;
  if (index < 0) index = clamp(cursor.index, 0, count - 1);
  const screenLine = cursor.index - cursor.scrollTop;
  const scrollTop = follow && !moved ? index - screenLine : cursor.scrollTop;
  return { cursor: { pid: pids[index] ?? null, index, scrollTop: scrollFor(index, scrollTop, pageSize, count) }, moved };
}

/** `previous` when `next` is the same place (so what reads the cursor does not re-render), else `next`. */
export function sameCursorOr(previous: Cursor, next: Cursor): Cursor {
  return previous.pid === next.pid && previous.index === next.index && previous.scrollTop === next.scrollTop && previous.anchored === next.anchored
    ? previous
    : next;
}

/** The cursor on row `index` (clamped), scrolled just enough to show it. */
export function cursorAt(pids: readonly number[], index: number, previous: Cursor, pageSize: number): Cursor {
  if (pids.length === 0) return { pid: null, index: 0, scrollTop: 0 };
  const i = clamp(index, 0, pids.length - 1);
  return { pid: pids[i] ?? null, index: i, scrollTop: scrollFor(i, previous.scrollTop, pageSize, pids.length) };
}

function scrollFor(index: number, scrollTop: number, pageSize: number, count: number): number {
  const page = Math.max(1, pageSize);
  let top = scrollTop;
  if (index < top) top = index;
  if (index >= top + page) top = index - page + 1;
  return clamp(top, 0, Math.max(0, count - page));
}

function clamp(n: number, low: number, high: number): number {
  return n < low ? low : n > high ? high : n;
}
