// The process table: the column titles and the visible rows only, the selected one highlighted.
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { ColumnId } from '../model/columns.js';
import { formatCells, formatCommand, formatHeader, layoutColumns, type RowLayout } from '../model/format-row.js';
import type { ProcessRow } from '../model/process-row.js';
import { isDescending } from '../model/sort-rows.js';
import type { RowDecoration } from '../store/compute-visible.js';
import { useTheme, type Theme } from './theme.js';
import { useAppStore } from './use-app-store.js';
import { fitWidth } from '../model/text-width.js';

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
  const theme = useTheme();
  const layout = layoutColumns(width);
  const rows = visible.slice(cursor.scrollTop, cursor.scrollTop + height);
  return (
    <Box flexDirection="column" width={width} height={height + 1} overflow="hidden">
      <TitleLine layout={layout} sortKey={sort.key} descending={isDescending(sort)} theme={theme} width={width} />
      {rows.map((row) => (
        <Row
          key={row.pid}
          row={row}
          layout={layout}
          selected={row.pid === cursor.pid}
          decoration={decorations.get(row.pid)}
          orphan={orphans.has(row.pid)}
          tagged={tags.get(row.pid) === row.startTime}
          theme={theme}
        />
      ))}
    </Box>
  );
}

function TitleLine(props: { layout: RowLayout; sortKey: ColumnId; descending: boolean; theme: Theme; width: number }) {
  const { layout, sortKey, theme } = props;
  // The sorted column is marked by colour and, in monochrome, by an arrow.
  const marked = layout.columns.map((c) => (c.id === sortKey && !theme.color ? { ...c, header: c.header + (props.descending ? '▼' : '▲') } : c));
  const text = fitWidth(formatHeader({ ...layout, columns: marked }), props.width);
  const at = layout.columns.findIndex((c) => c.id === sortKey);
  const start = layout.columns.slice(0, at).reduce((n, c) => n + c.width + 1, 0);
  const sortedWidth = layout.columns[at]?.id === 'command' ? layout.commandWidth : (layout.columns[at]?.width ?? 0);
  if (at < 0 || !theme.color) {
    return (
      <Text inverse={!theme.color} backgroundColor={theme.header} color={theme.headerText} wrap="truncate">
        {text}
      </Text>
    );
  }
  return (
    <Text backgroundColor={theme.header} color={theme.headerText} wrap="truncate">
      {text.slice(0, start)}
      <Text backgroundColor={theme.selected}>{text.slice(start, start + sortedWidth)}</Text>
      {text.slice(start + sortedWidth)}
    </Text>
  );
}

interface RowProps {
  row: ProcessRow;
  layout: RowLayout;
  selected: boolean;
  decoration: RowDecoration | undefined;
  orphan: boolean;
  tagged: boolean;
  theme: Theme;
}

/** What goes between the guide and the command: how much a fold hides, whether it was orphaned. */
export function rowMarker(decoration: RowDecoration | undefined, orphan: boolean): string {
  return (decoration && decoration.folded > 0 ? `[+${decoration.folded}] ` : '') + (orphan ? '(orphan) ' : '');
}

const Row = memo(function Row({ row, layout, selected, decoration, orphan, tagged, theme }: RowProps) {
  const command = formatCommand(row.command, layout.commandWidth, decoration?.guide ?? '', rowMarker(decoration, orphan));
  const cells = formatCells(row, layout);
  if (selected) {
    const line = cells.map((c) => c.text + ' ').join('') + command.guide + command.marker + command.text;
    return (
      <Text backgroundColor={theme.selected} color={tagged ? theme.tagged : theme.selectedText} bold={tagged} underline={tagged && !theme.color} inverse={!theme.color} wrap="truncate">
        {line}
      </Text>
    );
  }
  if (tagged) {
    // Tagged rows are one colour (bold and underlined in monochrome), like htop's.
    const line = cells.map((c) => c.text + ' ').join('') + command.guide + command.marker + command.text;
    return (
      <Text color={theme.tagged} bold underline={!theme.color} wrap="truncate">
        {line}
      </Text>
    );
  }
  const at = cells.findIndex((c) => c.id === 'state');
  const before = cells.slice(0, Math.max(0, at)).map((c) => c.text + ' ').join('');
  const state = at >= 0 ? cells[at]?.text ?? '' : '';
  const after = cells.slice(at + 1).map((c) => c.text + ' ').join('');
  const dim = decoration?.dimmed ?? false;
  return (
    <Text wrap="truncate" dimColor={dim}>
      {before}
      {at >= 0 && <Text color={stateColor(state, theme)} bold={state === 'R'}>{state}</Text>}
      {at >= 0 && ' '}
      {after}
      {command.guide && <Text color={theme.guide}>{command.guide}</Text>}
      {command.marker && <Text color={theme.warn}>{command.marker}</Text>}
      {command.text}
    </Text>
  );
});

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
