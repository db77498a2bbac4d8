// A process row as one line of fixed-width text, the same for the screen and `pooltop snapshot`:
// columns separated by one space, the command filling what is left, everything sanitized.
import { column, DEFAULT_COLUMNS, type Column, type ColumnId } from './columns.js';
import type { ProcessRow } from './process-row.js';
import { sanitizeText } from './sanitize.js';
import { cutToWidth, displayWidth, dropCells, fitWidth } from './text-width.js';
import { fitGuide } from './tree-guide.js';

/** Columns dropped first when the terminal is too narrow for all of them, in this order. */
const DROP_ORDER: readonly ColumnId[] = ['shr', 'pri', 'ppid', 'core', 'ni', 'virt', 'time', 'mem'];
/** Code units of a command line sanitized for a cell: more than any terminal is wide. */
const DISPLAY_LIMIT = 4096;
/** The command column never gets narrower than this before columns are dropped. */
const MIN_COMMAND = 16;

export interface RowLayout {
  columns: readonly Column[];
  /** Cells for the command column (may be 0 on a very narrow screen). */
  commandWidth: number;
  /** Cells taken by the fixed columns and their separators, before the command. */
  prefixWidth: number;
  /** Whether the command column is shown (it is always the last); without it the rest of the line is blank. */
  hasCommand: boolean;
  /** A column's text follows the clock (ELAPSED): lines are drawn afresh every refresh. */
  clock: boolean;
}

/**
 * The columns `ids` (the default set unless chosen) that fit `width`: the command last, taking
 * what is left; when it would get less than MIN_COMMAND cells, DROP_ORDER's columns go first,
 * then chosen ones from the right (PID stays).
 */
export function layoutColumns(width: number, ids: readonly ColumnId[] = DEFAULT_COLUMNS): RowLayout {
  const hasCommand = ids.includes('command');
  let columns = ids.filter((id) => id !== 'command').map(column);
  if (hasCommand) columns.push(column('command'));
  const fixedWidth = (cols: readonly Column[]): number => cols.filter((c) => c.id !== 'command').reduce((sum, c) => sum + c.width + 1, 0);
  const droppable = [
    ...DROP_ORDER,
    ...columns
      .map((c) => c.id)
      .filter((id) => id !== 'pid' && id !== 'command' && !DROP_ORDER.includes(id))
      .reverse(),
  ];
  const need = hasCommand ? MIN_COMMAND : 0;
  for (const id of droppable) {
    if (width - fixedWidth(columns) >= need) break;
    columns = columns.filter((c) => c.id !== id);
  }
  const prefixWidth = fixedWidth(columns);
  return { columns, commandWidth: Math.max(0, width - prefixWidth), prefixWidth, hasCommand, clock: columns.some((c) => c.clock === true) };
}

/** The column under cell `x` of a line laid out by `layout` (the separator after a column belongs to it), or undefined. */
export function columnAt(layout: RowLayout, x: number): Column | undefined {
  let start = 0;
  for (const c of layout.columns) {
    const end = start + (c.id === 'command' ? layout.commandWidth : c.width + 1);
    if (x >= start && x < end) return c;
    start = end;
  }
  return undefined;
}

export function formatHeader(layout: RowLayout): string {
  const titles = layout.columns.map((c) => (c.id === 'command' ? fitWidth(c.header, layout.commandWidth) : fitWidth(c.header, c.width, c.align))).join(' ');
  return layout.hasCommand ? titles : titles + ' ';
}

/** Each fixed column's cell (everything before the command), fitted to its width. */
export function formatCells(row: ProcessRow, layout: RowLayout): { id: ColumnId; text: string }[] {
  const cells: { id: ColumnId; text: string }[] = [];
  for (const c of layout.columns) {
    if (c.id === 'command') continue;
    const text = c.untrusted || c.id === 'user' ? sanitizeText(c.format(row)) : c.format(row);
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
 * sanitized and cut to exactly `width` cells, the whole of it scrolled `offset` cells to the left
 * (← →). A guide never takes more than half the cell (its outer levels are elided), so some of
 * the command always shows.
 */
export function formatCommand(command: string, width: number, guide = '', marker = '', offset = 0): CommandCell {
  if (width <= 0) return { guide: '', marker: '', text: '', textStart: 0 };
  let skip = offset;
  // The guide, the marker and the command are scrolled as one text: each loses what is left of the scroll.
  const scrolled = (part: string): string => {
    if (skip <= 0) return part;
    const cells = displayWidth(part);
    const kept = skip >= cells ? '' : dropCells(part, skip);
    skip = Math.max(0, skip - cells);
    return kept;
  };
  const g = cutToWidth(scrolled(guide ? fitGuide(guide, Math.floor(width / 2)) : ''), width);
  const m = cutToWidth(scrolled(marker), width - displayWidth(g));
  const textStart = skip;
  const text = fitWidth(scrolled(sanitizeText(displayed(command))), width - displayWidth(g) - displayWidth(m));
  return { guide: g, marker: m, text, textStart };
}

/** Command lines are kept whole (megabytes, at worst); no screen shows, or scrolls through, more than this of one. */
function displayed(command: string): string {
  return command.length > DISPLAY_LIMIT ? command.slice(0, DISPLAY_LIMIT) : command;
}

export interface CommandCell {
  guide: string;
  marker: string;
  text: string;
  /** Cells of the (sanitized) command scrolled out before `text`. */
  textStart: number;
}

/**
 * Where the program's base name is in a command line, in cells of its sanitized text: after the
 * last `/` of its first word (htop's "highlight program basename"). Null for a kernel thread's
 * `[name]` and an empty command.
 */
export function baseNameCells(command: string): { start: number; end: number } | null {
  const text = sanitizeText(command);
  if (text === '' || text.startsWith('[')) return null;
  const space = text.indexOf(' ');
  const program = space < 0 ? text : text.slice(0, space);
  const start = displayWidth(program.slice(0, program.lastIndexOf('/') + 1));
  const end = displayWidth(program);
  return end > start ? { start, end } : null;
}

/** Cells a command cell would take unscrolled and uncut: how far ← → can scroll it. */
export function commandCellWidth(command: string, guide = ''): number {
  return displayWidth(guide) + displayWidth(sanitizeText(displayed(command)));
}

/** The whole row as one line. */
export function formatRow(row: ProcessRow, layout: RowLayout, guide = '', marker = '', offset = 0): string {
  const cell = layout.hasCommand
    ? formatCommand(row.command, layout.commandWidth, guide, marker, offset)
    : { guide: '', marker: '', text: ' '.repeat(layout.commandWidth) };
  return formatPrefix(row, layout) + cell.guide + cell.marker + cell.text;
}
