// The process table: the column titles and the visible rows only, the selected one highlighted.
// Each line is built as one pre-styled string and the table is a single Ink <Text>: per-row and
// per-cell components cost 5× more React and Ink work per refresh for the same screen.
import { Text } from 'ink';
import { useMemo } from 'react';
import type { ColumnId } from '../model/columns.js';
import { formatCells, formatCommand, formatHeader, layoutColumns, type RowLayout } from '../model/format-row.js';
import type { ProcessRow } from '../model/process-row.js';
import { isDescending } from '../model/sort-rows.js';
import { fitWidth } from '../model/text-width.js';
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
  const theme = useTheme();
  const workers = useMemo(() => new Map((pool?.workers ?? []).map((w) => [w.pid, w])), [pool]);
  const layout = useMemo(() => layoutColumns(width), [width]);
  const lines = [titleLine(layout, sort.key, isDescending(sort), theme, width)];
  for (const row of visible.slice(cursor.scrollTop, cursor.scrollTop + height)) {
    lines.push(
      cachedRowLine(row, layout, {
        selected: row.pid === cursor.pid,
        decoration: decorations.get(row.pid),
        orphan: orphans.has(row.pid),
        tagged: tags.get(row.pid) === row.startTime,
        worker: workers.get(row.pid),
        theme,
      }),
    );
  }
  // Blank lines below the last row keep the table's height fixed.
  while (lines.length < height + 1) lines.push('');
  return <Text>{lines.join('\n')}</Text>;
}

/** The column titles, the sorted column marked by colour (and by an arrow in monochrome). */
function titleLine(layout: RowLayout, sortKey: ColumnId, descending: boolean, theme: Theme, width: number): string {
  const marked = layout.columns.map((c) => (c.id === sortKey && !theme.color ? { ...c, header: c.header + (descending ? '▼' : '▲') } : c));
  const text = fitWidth(formatHeader({ ...layout, columns: marked }), width);
  const base = { color: theme.headerText, backgroundColor: theme.header, inverse: !theme.color };
  const at = layout.columns.findIndex((c) => c.id === sortKey);
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
  if (look.worker) return rowLine(row, layout, look);
  const flags = (look.selected ? 1 : 0) | (look.tagged ? 2 : 0) | (look.orphan ? 4 : 0) | (look.decoration?.dimmed ? 8 : 0);
  const guide = look.decoration?.guide ?? '';
  const folded = look.decoration?.folded ?? 0;
  const made = madeLines.get(row.pid);
  if (
    made &&
    made.row === row &&
    made.layout === layout &&
    made.theme === look.theme &&
    made.flags === flags &&
    made.guide === guide &&
    made.folded === folded
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
  } else {
    if (madeLines.size >= MADE_LINES_LIMIT) madeLines.clear();
    madeLines.set(row.pid, { row, line, layout, theme: look.theme, flags, guide, folded });
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
  const text = look.worker ? row.command + workerNote(look.worker) : row.command;
  const command = formatCommand(text, layout.commandWidth, decoration?.guide ?? '', rowMarker(decoration, look.orphan));
  const cells = formatCells(row, layout);
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
  line += styled(command.text, { dim, color: look.worker ? theme.worker : undefined });
  return line;
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
