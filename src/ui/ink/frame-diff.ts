// The bytes that turn the terminal's screen from one frame into the next: only the cells that
// changed, each run of them after an absolute cursor move, with the fewest SGR changes; a line
// the cell model is not sure of (styled-cells.ts) is erased and written whole, so the terminal
// places its characters itself. Frames are drawn from the top-left corner of the alternate screen.
import { type Cell, PLAIN, type Style, sameStyle, styleChange, styledCells } from './styled-cells.js';

/**
 * Unchanged cells between two changed runs that are written again rather than skipped with a
 * cursor move: a move is 6–8 bytes (ESC [ row ; column H).
 */
const GAP = 6;

const BLANK: Cell = { char: ' ', style: PLAIN };

function moveTo(row: number, column: number): string {
  return column === 0 ? `\x1b[${row + 1}H` : `\x1b[${row + 1};${column + 1}H`;
}

/**
 * The bytes from `previous` (the lines on screen, or null when the screen is unknown: it is cleared
 * first) to `next`, for a terminal `columns` wide. Ends with the terminal's style plain.
 */
export function frameDiff(previous: readonly string[] | null, next: readonly string[], columns: number): string {
  const out: string[] = [];
  const state = { style: PLAIN as Style };
  if (previous === null) out.push('\x1b[m\x1b[H\x1b[2J');
  const rows = Math.max(next.length, previous?.length ?? 0);
  for (let row = 0; row < rows; row++) {
    const before = previous === null ? '' : (previous[row] ?? '');
    const after = next[row] ?? '';
    if (before === after) continue;
    lineDiff(out, state, row, before, after, columns, previous === null);
  }
  if (!sameStyle(state.style, PLAIN)) out.push('\x1b[m');
  return out.join('');
}

function lineDiff(out: string[], state: { style: Style }, row: number, before: string, after: string, columns: number, cleared: boolean): void {
  const old = cleared ? [] : styledCells(before);
  const cells = styledCells(after);
  if (old === null || cells === null || cells.length > columns || old.length > columns) {
    // Written whole, from a plain style on an erased line; its own styles are ended after it.
    out.push(moveTo(row, 0), styleChange(state.style, PLAIN), cleared ? '' : '\x1b[2K', after);
    state.style = PLAIN;
    if (after.includes('\x1b')) out.push('\x1b[m');
    return;
  }
  // Where the cursor is after what was written on this line (-1: not on it yet).
  let cursor = -1;
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
    if (cursor !== i) out.push(moveTo(row, i));
    for (let k = i; k <= last; k++) {
      const cell = cells[k]!;
      out.push(styleChange(state.style, cell.style), cell.char);
      state.style = cell.style;
    }
    cursor = last + 1;
    i = last + 1;
  }
  if (cells.length < old.length && cells.length < columns) {
    // What the old line had past the new one's end: erased in the plain style (erasing fills with the current background).
    if (cursor !== cells.length) out.push(moveTo(row, cells.length));
    out.push(styleChange(state.style, PLAIN), '\x1b[K');
    state.style = PLAIN;
  }
}

/** Whether the cell on screen (undefined: past the old line's end, so blank) already shows `cell`. */
function same(shown: Cell | undefined, cell: Cell): boolean {
  const on = shown ?? BLANK;
  return on.char === cell.char && sameStyle(on.style, cell.style);
}
