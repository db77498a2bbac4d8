// The bytes that turn the terminal's screen from one frame into the next: only the cells that
// changed, each run of them after the shortest cursor move to it (absolute, or relative from where
// the last run left the cursor), with the fewest SGR changes. A line the cell model is not sure of
// (styled-cells.ts) is erased and written whole, so the terminal places its characters itself.
// Rows that moved up or down together (a process gone or new above them) are scrolled first,
// inside a scrolling region, as curses does. Frames are drawn from the top-left corner of the
// alternate screen.
import { type Cell, PLAIN, type Style, sameStyle, styleChange, styledCells } from './styled-cells.js';

/**
 * Unchanged cells between two changed runs that are written again rather than skipped with a
 * cursor move: a move is 3–8 bytes (ESC [ n C forward on the line, ESC [ row ; column H).
 */
const GAP = 4;

const BLANK: Cell = { char: ' ', style: PLAIN };

/** Rows moved farther than this are not looked for. */
const MAX_SHIFT = 8;
/** Rows a scroll must bring into place to be worth its ~14 bytes. */
const MIN_SHIFTED = 3;

/**
 * The scroll that brings most rows into place, less those it moves out of place: rows
 * top..bottom (0-based, inclusive) scrolled by `by` (> 0: up, content from below; < 0: down), or
 * null when none gains enough.
 */
function bestShift(previous: readonly string[], next: readonly string[]): { top: number; bottom: number; by: number } | null {
  let best: { top: number; bottom: number; by: number; count: number } | null = null;
  for (let distance = 1; distance <= MAX_SHIFT; distance++) {
    for (const by of [distance, -distance]) {
      let count = 0;
      let first = -1;
      let last = -1;
      for (let row = Math.max(0, -by); row < next.length && row + by < previous.length; row++) {
        const text = next[row]!;
        if (text === '' || text !== previous[row + by] || text === previous[row]) continue;
        count++;
        if (first < 0) first = row;
        last = row;
      }
      if (count < MIN_SHIFTED) continue;
      const region = by > 0 ? { top: first, bottom: last + by, by } : { top: first + by, bottom: last, by };
      // Rows already right where they are, which the scroll would move away.
      for (let row = region.top; row <= region.bottom; row++) {
        const text = next[row];
        if (text !== undefined && text !== '' && text === previous[row] && text !== previous[row + by]) count--;
      }
      if (count >= MIN_SHIFTED && (best === null || count > best.count)) best = { ...region, count };
    }
  }
  return best && { top: best.top, bottom: best.bottom, by: best.by };
}

/** `previous` as the screen has it after that scroll: the rows moved, the ones it opens blank. */
function shifted(previous: readonly string[], { top, bottom, by }: { top: number; bottom: number; by: number }): string[] {
  const rows = [...previous];
  while (rows.length <= bottom) rows.push('');
  for (let row = top; row <= bottom; row++) {
    const from = row + by;
    rows[row] = from >= top && from <= bottom ? (previous[from] ?? '') : '';
  }
  return rows;
}

/** The terminal as the bytes so far leave it: its style, and where the cursor is (row -1: not known). */
interface Pen {
  style: Style;
  row: number;
  column: number;
}

function relative(count: number, forward: string, back: string): string {
  if (count === 0) return '';
  const n = Math.abs(count);
  return `\x1b[${n === 1 ? '' : n}${count > 0 ? forward : back}`;
}

/** The shortest move of the cursor to (row, column): absolute, or from where the pen is. */
function moveTo(pen: Pen, row: number, column: number): string {
  let move = column === 0 ? `\x1b[${row + 1}H` : `\x1b[${row + 1};${column + 1}H`;
  if (pen.row >= 0) {
    const vertical = relative(row - pen.row, 'B', 'A');
    const along = relative(column - pen.column, 'C', 'D');
    const fromStart = `\r${relative(column, 'C', 'D')}`;
    const near = vertical + (fromStart.length < along.length ? fromStart : along);
    if (near.length <= move.length) move = near;
  }
  pen.row = row;
  pen.column = column;
  return move;
}

/** After `cells` more cells are written: the cursor moves on, unless it reached the last column (where it stays, or waits to wrap). */
function advance(pen: Pen, cells: number, columns: number): void {
  pen.column += cells;
  if (pen.column >= columns) pen.row = -1;
}

/**
 * The bytes from `previous` (the lines on screen, or null when the screen is unknown: it is cleared
 * first) to `next`, for a terminal `columns` wide. Ends with the terminal's style plain.
 */
export function frameDiff(previous: readonly string[] | null, next: readonly string[], columns: number): string {
  const out: string[] = [];
  // Where the cursor is at the start is not known: something else may have moved it.
  const pen: Pen = { style: PLAIN, row: -1, column: 0 };
  if (previous === null) {
    out.push('\x1b[m\x1b[H\x1b[2J');
    pen.row = 0;
  } else {
    const shift = bestShift(previous, next);
    if (shift) {
      // Region, scroll (up: S, down: T; the rows it opens take the plain style), region back to the
      // whole screen, which moves the cursor (home, on most terminals: not relied on).
      out.push(`\x1b[${shift.top + 1};${shift.bottom + 1}r\x1b[${Math.abs(shift.by)}${shift.by > 0 ? 'S' : 'T'}\x1b[r`);
      previous = shifted(previous, shift);
    }
  }
  const rows = Math.max(next.length, previous?.length ?? 0);
  for (let row = 0; row < rows; row++) {
    const before = previous === null ? '' : (previous[row] ?? '');
    const after = next[row] ?? '';
    if (before === after) continue;
    lineDiff(out, pen, row, before, after, columns, previous === null);
  }
  if (!sameStyle(pen.style, PLAIN)) out.push('\x1b[m');
  return out.join('');
}

function lineDiff(out: string[], pen: Pen, row: number, before: string, after: string, columns: number, cleared: boolean): void {
  const old = cleared ? [] : styledCells(before);
  const cells = styledCells(after);
  if (old === null || cells === null || cells.length > columns || old.length > columns) {
    // Written whole, from a plain style on an erased line; its own styles are ended after it, and
    // where it leaves the cursor is the terminal's to say.
    out.push(moveTo(pen, row, 0), styleChange(pen.style, PLAIN), cleared ? '' : '\x1b[2K', after);
    pen.style = PLAIN;
    pen.row = -1;
    if (after.includes('\x1b')) out.push('\x1b[m');
    return;
  }
  let i = 0;
  while (i < cells.length) {
    if (same(old[i], cells[i]!)) {
      i++;
      continue;
    }
    // A run: changed cells, and unchanged stretches of at most GAP cells between them.
    let end = i + 1;
    let last = i;
    while (end < cells.length && end - last - 1 <= GAP) {
      if (!same(old[end], cells[end]!)) last = end;
      end++;
    }
    if (pen.row !== row || pen.column !== i) out.push(moveTo(pen, row, i));
    for (let k = i; k <= last; k++) {
      const cell = cells[k]!;
      out.push(styleChange(pen.style, cell.style), cell.char);
      pen.style = cell.style;
    }
    advance(pen, last + 1 - i, columns);
    i = last + 1;
  }
  if (cells.length < old.length && cells.length < columns) {
    // What the old line had past the new one's end: erased in the plain style (erasing fills with the current background).
    if (pen.row !== row || pen.column !== cells.length) out.push(moveTo(pen, row, cells.length));
    out.push(styleChange(pen.style, PLAIN), '\x1b[K');
    pen.style = PLAIN;
  }
}

/** Whether the cell on screen (undefined: past the old line's end, so blank) already shows `cell`. */
function same(shown: Cell | undefined, cell: Cell): boolean {
  const on = shown ?? BLANK;
  return on.char === cell.char && sameStyle(on.style, cell.style);
}
