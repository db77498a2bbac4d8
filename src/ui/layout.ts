// Where everything goes for a terminal size: header rows, how many table rows fit, and whether
// the terminal is too small to draw at all.

export interface ScreenLayout {
  columns: number;
  /** Lines pooltop draws: one less than the terminal, so Ink never clears the whole screen per frame. */
  lines: number;
  /** CPU meters per row of the header grid (1 = one per line in the left column). */
  meterColumns: number;
  /** Header lines. */
  headerHeight: number;
  /** Process rows the table shows. */
  pageSize: number;
  tooSmall: boolean;
}

export const MIN_COLUMNS = 40;
const MIN_PAGE = 3;
/** Info lines in the header's right column: tasks, task states, load, uptime, plus extra (e.g. the pool). */
const INFO_LINES = 4;

/** CPU meters a row of the header grid: more as the cores outgrow one column and the terminal is wide. */
export function meterColumnsFor(columns: number, cores: number): number {
  const n = Math.max(1, cores);
  return n <= 8 || columns < 80 ? 1 : n <= 32 || columns < 160 ? 2 : 4;
}

/**
 * `headerLines`, when given, is the header's height (its layout's, at meterColumnsFor's meters a
 * row); without it the header is the default one, with `extraInfoLines` beyond its four.
 */
export function computeLayout(columns: number, rows: number, cores: number, extraInfoLines = 0, headerLines?: number): ScreenLayout {
  const lines = Math.max(0, rows - 1);
  const n = Math.max(1, cores);
  const meterColumns = meterColumnsFor(columns, cores);
  const info = INFO_LINES + extraInfoLines;
  const headerHeight = headerLines !== undefined ? headerLines : meterColumns === 1 ? Math.max(n + 2, info) : Math.ceil(n / meterColumns) + Math.max(2, info);
  // Below the header: the screen tabs' line, the column titles, the rows, the message line and the key bar.
  const pageSize = lines - headerHeight - 4;
  return {
    columns,
    lines,
    meterColumns,
    headerHeight,
    pageSize: Math.max(0, pageSize),
    tooSmall: columns < MIN_COLUMNS || pageSize < MIN_PAGE,
  };
}
