// The process table: the column titles and the visible rows only, the selected one highlighted,
// threads, new and exited processes in colours of their own, the command column scrolled as asked.
// Each line is built as one pre-styled string and the table is a single Ink <Text>: per-row and
// per-cell components cost 5× more React and Ink work per refresh for the same screen.
import { Text } from 'ink';
import { useEffect, useMemo } from 'react';
import { JOB_COLUMNS, type ColumnId } from '../model/columns.js';
import { baseNameCells, formatCells, formatCommand, formatHeader, layoutColumns, type RowLayout } from '../model/format-row.js';
import type { ProcessRow } from '../model/process-row.js';
import type { RowChange } from '../model/row-changes.js';
import { shownCommand } from '../model/thread-rows.js';
import { isDescending } from '../model/sort-rows.js';
import { cutToWidth, dropCells, fitWidth } from '../model/text-width.js';
import type { WorkerSnapshot } from '../pool/pool-snapshot.js';
import type { RowDecoration } from '../store/compute-visible.js';
import { taskText } from './pool-panel.js';
import { styled } from './sgr.js';
import { useTheme, type Theme } from './theme.js';
import { useAppStore } from './use-app-store.js';

export interface ProcessTableProps {
  width: number;
  height: number;
}

export function ProcessTable({ width, height }: ProcessTableProps) {
  const visible = useAppStore((s) => s.visible);
  const cursor = useAppStore((s) => s.cursor);
  const decorations = useAppStore((s) => s.decorations);
  const orphans = useAppStore((s) => s.orphans);
  const tags = useAppStore((s) => s.tags);
  const sort = useAppStore((s) => s.view.sort);
  const pool = useAppStore((s) => s.pool);
  const changes = useAppStore((s) => s.changes);
  const scrollX = useAppStore((s) => s.view.scrollX);
  const showThreadNames = useAppStore((s) => s.view.showThreadNames);
  const highlightBaseName = useAppStore((s) => s.view.highlightBaseName);
  const setCommandWidth = useAppStore((s) => s.setCommandWidth);
  const theme = useTheme();
  const workers = useMemo(() => new Map((pool?.workers ?? []).map((w) => [w.pid, w])), [pool]);
  const columns = useAppStore((s) => s.view.columns);
  const jobColumns = useAppStore((s) => s.view.jobColumns);
  const shown = useMemo(() => withJobColumns(columns, jobColumns), [columns, jobColumns]);
  const layout = useMemo(() => layoutColumns(width, shown), [width, shown]);
  useEffect(() => setCommandWidth(layout.commandWidth), [setCommandWidth, layout.commandWidth]);
  const lines = [titleLine(layout, sort.key, isDescending(sort), theme, width)];
  for (const row of visible.slice(cursor.scrollTop, cursor.scrollTop + height)) {
    lines.push(
      cachedRowLine(row, layout, {
        selected: row.pid === cursor.pid,
        decoration: decorations.get(row.pid),
        orphan: orphans.has(row.pid),
        tagged: tags.get(row.pid) === row.startTime,
        worker: workers.get(row.pid),
        change: changes.get(row.pid),
        scrollX,
        showThreadNames,
        highlightBaseName,
        theme,
      }),
    );
  }
  // Blank lines below the last row keep the table's height fixed.
  while (lines.length < height + 1) lines.push('');
  return <Text>{lines.join('\n')}</Text>;
}

/** htop's marks of the sort direction, after the sorted column's title. */
const SORT_MARK = { descending: '▽', ascending: '△' } as const;

/**
 * The column titles, the sorted column marked by colour and, in colour and monochrome alike, by
 * htop's ▽ (descending) or △ (ascending) right after its title: in the space between two columns
 * when the title fills its own ("CPU%▽MEM%", as htop draws it).
 */
export function titleLine(layout: RowLayout, sortKey: ColumnId, descending: boolean, theme: Theme, width: number): string {
  const mark = descending ? SORT_MARK.descending : SORT_MARK.ascending;
  const header = formatHeader(layout);
  const at = layout.columns.findIndex((c) => c.id === sortKey);
  let text = header;
  if (at >= 0) {
    const column = layout.columns[at]!;
    const start = layout.columns.slice(0, at).reduce((n, c) => n + c.width + 1, 0);
    // Titles are ASCII, so cells and string indices agree here.
    const end =
      column.align === 'right' || column.header.length >= column.width ? start + Math.max(column.width, column.header.length) : start + column.header.length;
    text = header.slice(0, end) + mark + header.slice(end + 1);
  }
  text = fitWidth(text, width);
  const base = { color: theme.headerText, backgroundColor: theme.header, inverse: !theme.color };
  if (at < 0 || !theme.color) return styled(text, base);
  const start = layout.columns.slice(0, at).reduce((n, c) => n + c.width + 1, 0);
  const sortedWidth = layout.columns[at]?.id === 'command' ? layout.commandWidth : (layout.columns[at]?.width ?? 0);
  return (
    styled(text.slice(0, start), base) +
    styled(text.slice(start, start + sortedWidth), { ...base, backgroundColor: theme.selected }) +
    styled(text.slice(start + sortedWidth), base)
  );
}

export interface RowLook {
  selected: boolean;
  decoration: RowDecoration | undefined;
  orphan: boolean;
  tagged: boolean;
  /** Set for a pool worker: its row is marked and says what it is doing. */
  worker?: WorkerSnapshot | undefined;
  /** Highlighting on: the process started a moment ago, or has exited (its row kept one refresh). */
  change?: RowChange | undefined;
  /** Cells the command column is scrolled (← →). */
  scrollX?: number;
  /** A thread's row shows the thread's name, not its process's command line. */
  showThreadNames?: boolean;
  /** The program's base name drawn bold (htop's "highlight program basename"). */
  highlightBaseName?: boolean;
  theme: Theme;
}

/** What a pool worker's row adds after its command: its task, or idle / paused. */
export function workerNote(worker: WorkerSnapshot): string {
  const task = worker.task ? taskText(worker.task) : '';
  if (worker.state === 'paused') return `  [paused${task ? `: ${task}` : ''}]`;
  if (worker.state === 'busy' && task) return `  [${task}]`;
  return `  [${worker.state}]`;
}

/** What goes between the guide and the command: how much a fold hides, whether it was orphaned. */
function rowMarker(decoration: RowDecoration | undefined, orphan: boolean): string {
  return (decoration && decoration.folded > 0 ? `[+${decoration.folded}] ` : '') + (orphan ? '(orphan) ' : '');
}

interface MadeLine {
  row: ProcessRow;
  line: string;
  layout: RowLayout;
  theme: Theme;
  flags: number;
  guide: string;
  folded: number;
  scrollX: number;
}

/**
 * The line last drawn for each PID, with the row object it was drawn from. The sampler gives the
 * same row object again for a process whose stat line did not change (most of them), so a refresh
 * formats only the rows that changed; a worker's row (its task changes without its row) is always
 * drawn anew. Keyed by PID rather than by row object: a WeakMap keyed by rows held an entry for
 * every row not yet collected, and its table grew to the largest such count between two full
 * collections (docs/performance.md). This one holds at most
 * MADE_LINES_LIMIT entries, one per PID; past that it starts afresh (one refresh draws every line).
 */
const madeLines = new Map<number, MadeLine>();
const MADE_LINES_LIMIT = 1024;

export function cachedRowLine(row: ProcessRow, layout: RowLayout, look: RowLook): string {
  if (look.worker || layout.clock) return rowLine(row, layout, look);
  const flags =
    (look.selected ? 1 : 0) |
    (look.tagged ? 2 : 0) |
    (look.orphan ? 4 : 0) |
    (look.decoration?.dimmed ? 8 : 0) |
    (look.change === 'new' ? 16 : look.change === 'gone' ? 32 : 0) |
    (look.showThreadNames ? 64 : 0) |
    (look.highlightBaseName ? 128 : 0);
  const guide = look.decoration?.guide ?? '';
  const folded = look.decoration?.folded ?? 0;
  const scrollX = look.scrollX ?? 0;
  const made = madeLines.get(row.pid);
  if (
    made &&
    made.row === row &&
    made.layout === layout &&
    made.theme === look.theme &&
    made.flags === flags &&
    made.guide === guide &&
    made.folded === folded &&
    made.scrollX === scrollX
  ) {
    return made.line;
  }
  const line = rowLine(row, layout, look);
  if (made) {
    // Overwritten in place: a refresh of changed rows allocates their lines and nothing more.
    made.row = row;
    made.line = line;
    made.layout = layout;
    made.theme = look.theme;
    made.flags = flags;
    made.guide = guide;
    made.folded = folded;
    made.scrollX = scrollX;
  } else {
    if (madeLines.size >= MADE_LINES_LIMIT) madeLines.clear();
    madeLines.set(row.pid, { row, line, layout, theme: look.theme, flags, guide, folded, scrollX });
  }
  return line;
}

/** How many PIDs have a drawn line kept (tests check it stays bounded). */
export function madeLineCount(): number {
  return madeLines.size;
}

/** One process as a styled line of exactly the layout's width. */
export function rowLine(row: ProcessRow, layout: RowLayout, look: RowLook): string {
  const { theme, decoration } = look;
  const own = shownCommand(row, look.showThreadNames ?? false);
  const text = look.worker ? own + workerNote(look.worker) : own;
  const command = layout.hasCommand
    ? formatCommand(text, layout.commandWidth, decoration?.guide ?? '', rowMarker(decoration, look.orphan), look.scrollX ?? 0)
    : { guide: '', marker: '', text: ' '.repeat(layout.commandWidth), textStart: 0 };
  const cells = formatCells(row, layout);
  if (look.change && !look.selected) {
    // htop's colours: black on green for a new process, black on red for one that exited
    // (bold, and struck through once exited, in monochrome).
    const line = cells.map((c) => c.text + ' ').join('') + command.guide + command.marker + command.text;
    const gone = look.change === 'gone';
    return styled(line, {
      color: theme.changedText,
      backgroundColor: gone ? theme.goneProcess : theme.newProcess,
      bold: (look.tagged || !gone) && !theme.color,
      strikethrough: gone && !theme.color,
      underline: look.tagged && !theme.color,
    });
  }
  if (look.selected || look.tagged) {
    // The selected row is one colour (inverse video in monochrome); tagged rows are yellow (bold
    // and underlined in monochrome), like htop's.
    const line = cells.map((c) => c.text + ' ').join('') + command.guide + command.marker + command.text;
    return styled(line, {
      backgroundColor: look.selected ? theme.selected : undefined,
      color: look.tagged ? theme.tagged : look.selected ? theme.selectedText : undefined,
      bold: look.tagged,
      underline: look.tagged && !theme.color,
      inverse: look.selected && !theme.color,
    });
  }
  const dim = decoration?.dimmed ?? false;
  let line = '';
  for (const cell of cells) {
    line +=
      cell.id === 'state' ? styled(cell.text, { color: stateColor(cell.text, theme), bold: cell.text === 'R' && theme.color }) : styled(cell.text, { dim });
    line += ' ';
  }
  line += styled(command.guide, { color: theme.guide, dim: dim && !theme.color });
  line += styled(command.marker, { color: theme.warn, bold: !theme.color });
  const color = look.worker ? theme.worker : row.threadOf !== undefined ? theme.thread : undefined;
  const base = look.highlightBaseName ? baseNameCells(own) : null;
  if (!base) return line + styled(command.text, { dim, color });
  // The base name as it shows in the scrolled, cut text: cells [from, to) of command.text.
  const from = Math.max(0, base.start - command.textStart);
  const to = Math.max(from, base.end - command.textStart);
  const rest = dropCells(command.text, to);
  return (
    line +
    styled(cutToWidth(command.text, from), { dim, color }) +
    styled(cutToWidth(dropCells(command.text, from), to - from), { dim, color: color ?? theme.baseName, bold: true }) +
    styled(rest, { dim, color })
  );
}

function stateColor(state: string, theme: Theme): string | undefined {
  switch (state) {
    case 'R':
      return theme.running;
    case 'T':
    case 't':
      return theme.stopped;
    case 'Z':
    case 'D':
      return theme.zombie;
    default:
      return undefined;
  }
}

/** The chosen columns, with `J`'s job-control columns (those not chosen already) before the command. */
function withJobColumns(columns: readonly ColumnId[], jobColumns: boolean): readonly ColumnId[] {
  if (!jobColumns) return columns;
  const extra = JOB_COLUMNS.filter((id) => !columns.includes(id));
  if (extra.length === 0) return columns;
  const at = columns.indexOf('command');
  return at < 0 ? [...columns, ...extra] : [...columns.slice(0, at), ...extra, ...columns.slice(at)];
}
