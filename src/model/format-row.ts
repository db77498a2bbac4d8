// A process row as one line of fixed-width text, the same for the screen and `pooltop snapshot`:
// columns separated by one space, the command filling what is left, everything sanitized.
import { COLUMNS, type Column, type ColumnId } from './columns.js';
import type { ProcessRow } from './process-row.js';
import { sanitizeText } from './sanitize.js';
import { cutToWidth, displayWidth, fitWidth } from './text-width.js';
import { fitGuide } from './tree-guide.js';

/** Columns dropped first when the terminal is too narrow for all of them, in this order. */
const DROP_ORDER: readonly ColumnId[] = ['pri', 'ppid', 'core', 'ni', 'virt', 'time', 'mem'];
/** The command column never gets narrower than this before columns are dropped. */
const MIN_COMMAND = 16;

export interface RowLayout {
  columns: readonly Column[];
  /** Cells for the command column (may be 0 on a very narrow screen). */
  commandWidth: number;
  /** Cells taken by the fixed columns and their separators, before the command. */
  prefixWidth: number;
}

export function layoutColumns(width: number): RowLayout {
  let columns = [...COLUMNS];
  const fixedWidth = (cols: readonly Column[]): number => cols.filter((c) => c.id !== 'command').reduce((sum, c) => sum + c.width + 1, 0);
  for (const id of DROP_ORDER) {
    if (width - fixedWidth(columns) >= MIN_COMMAND) break;
    columns = columns.filter((c) => c.id !== id);
  }
  const prefixWidth = fixedWidth(columns);
  return { columns, commandWidth: Math.max(0, width - prefixWidth), prefixWidth };
}

export function formatHeader(layout: RowLayout): string {
  return layout.columns.map((c) => (c.id === 'command' ? fitWidth(c.header, layout.commandWidth) : fitWidth(c.header, c.width, c.align))).join(' ');
}

/** Each fixed column's cell (everything before the command), fitted to its width. */
export function formatCells(row: ProcessRow, layout: RowLayout): { id: ColumnId; text: string }[] {
  const cells: { id: ColumnId; text: string }[] = [];
  for (const c of layout.columns) {
    if (c.id === 'command') continue;
    const text = c.id === 'user' ? sanitizeText(c.format(row)) : c.format(row);
    cells.push({ id: c.id, text: fitWidth(text, c.width, c.align) });
  }
  return cells;
}

/** The fixed columns of a row as one string, with a trailing space before the command. */
export function formatPrefix(row: ProcessRow, layout: RowLayout): string {
  let out = '';
  for (const cell of formatCells(row, layout)) out += cell.text + ' ';
  return out;
}

/**
 * The command cell: tree guide, a marker (a fold count, "orphan") and the command line,
 * sanitized and cut to exactly `width` cells. A guide never takes more than half the cell (its
 * outer levels are elided), so some of the command always shows.
 */
export function formatCommand(command: string, width: number, guide = '', marker = ''): { guide: string; marker: string; text: string } {
  if (width <= 0) return { guide: '', marker: '', text: '' };
  const g = guide ? fitGuide(guide, Math.floor(width / 2)) : '';
  const m = cutToWidth(marker, width - displayWidth(g));
  const text = fitWidth(sanitizeText(command), width - displayWidth(g) - displayWidth(m));
  return { guide: g, marker: m, text };
}

/** The whole row as one line. */
export function formatRow(row: ProcessRow, layout: RowLayout, guide = '', marker = ''): string {
  const cell = formatCommand(row.command, layout.commandWidth, guide, marker);
  return formatPrefix(row, layout) + cell.guide + cell.marker + cell.text;
}
