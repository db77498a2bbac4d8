// The header: the meters of the header layout (the setup screen's Meters page) side by side in
// 1–4 columns, as htop's; by default a meter per core, memory and swap left, the tasks / load /
// uptime lines right.
import { Box, Text } from 'ink';
import { DEFAULT_HEADER_LAYOUT, type HeaderLayout, type PlacedMeter } from '../model/header-layout.js';
import type { ProcessRow } from '../model/process-row.js';
import type { PoolSnapshot } from '../pool/pool-snapshot.js';
import type { Sample } from '../sampling/types.js';
import fastStringWidth from './ink/fast-string-width.js';
import type { ScreenLayout } from './layout.js';
import { coreMeter, meterHeight, meterLines, type MeterFacts, type MeterSource } from './header-meters.js';
import { useTheme, type Theme } from './theme.js';
import { useAppStore } from './use-app-store.js';
import type { History } from '../model/history.js';
import type { GraphSettings } from '../model/graph-settings.js';
import type { SystemMeters } from '../sampling/system-meters.js';

export interface HeaderProps {
  layout: ScreenLayout;
}

/**
 * The header as one <Text> of pre-styled lines, as the process table is: drawn as nested Boxes and
 * Texts it took ~40 React elements and yoga nodes, a third of a refresh's rendering at 70 processes.
 */
export function Header({ layout }: HeaderProps) {
  const sample = useAppStore((s) => s.sample);
  const pool = useAppStore((s) => s.pool);
  const rows = useAppStore((s) => s.rows);
  const history = useAppStore((s) => s.history);
  const graphs = useAppStore((s) => s.graphs);
  const meters = useAppStore((s) => s.meters);
  const headerLayout = useAppStore((s) => s.headerLayout);
  const hostname = useAppStore((s) => s.hostname);
  const theme = useTheme();
  if (!sample) {
    return (
      <Box height={layout.headerHeight}>
        <Text>sampling…</Text>
      </Box>
    );
  }
  return (
    <Box height={layout.headerHeight} width={layout.columns} flexShrink={0}>
      <Text>{headerLines(sample, pool, rows, layout, theme, { history, graphs, meters, layout: headerLayout, hostname }).join('\n')}</Text>
    </Box>
  );
}

/** What the header draws besides the sample: the CPU graphs' history, the system meters, and which meters where. */
export interface HeaderExtras {
  history: History;
  graphs: GraphSettings;
  meters: SystemMeters;
  layout?: HeaderLayout;
  hostname?: string;
}

/**
 * The CPUs meter spread over the whole width above the columns, and in how many cores a row: when
 * the first column opens with "CPUs (all)" and the screen gives the cores more than one meter a
 * row (more than 8 cores on 80 columns or more), as the default header has always done.
 */
function spreadCpus(header: HeaderLayout, meterColumns: number): PlacedMeter | null {
  const first = header.columns[0]?.[0];
  return first?.meter === 'cpus' && meterColumns > 1 ? first : null;
}

/** Each header column's width: equal, the last taking what the division leaves. */
function columnWidths(total: number, count: number): number[] {
  const each = Math.floor(total / count);
  return Array.from({ length: count }, (_, i) => (i < count - 1 ? each : total - each * (count - 1)));
}

/** The header's lines for `header` at `meterColumns` (computeLayout's CPU meters a row), known before a frame is drawn. */
export function headerHeight(header: HeaderLayout, facts: MeterFacts, meterColumns: number): number {
  const spread = spreadCpus(header, meterColumns);
  const gridRows = spread ? Math.ceil(Math.max(1, facts.cores) / meterColumns) : 0;
  let tallest = 0;
  header.columns.forEach((meters, c) => {
    let lines = 0;
    meters.forEach((m, i) => {
      if (!(spread && c === 0 && i === 0)) lines += meterHeight(m.meter, facts);
    });
    tallest = Math.max(tallest, lines);
  });
  return gridRows + tallest;
}

/** The header's lines, each at most `layout.columns` wide: the columns side by side, each meter's lines in turn. */
export function headerLines(
  sample: Sample,
  pool: PoolSnapshot | null,
  rows: readonly ProcessRow[],
  layout: ScreenLayout,
  theme: Theme,
  extras?: HeaderExtras,
): string[] {
  const header = extras?.layout ?? DEFAULT_HEADER_LAYOUT;
  const source: MeterSource = { sample, pool, rows, theme, ...extras };
  const widths = columnWidths(layout.columns, header.columns.length);
  const spread = spreadCpus(header, layout.meterColumns);
  const out = spread ? cpuGrid(spread, layout, source) : [];
  // Each meter draws at most the lines meterHeight counts (the task counter's second line may be
  // missing: the meters below move up, as they always have, while the height stays).
  const columns = header.columns.map((meters, c) => {
    // A column's meters leave a cell before the next column; the last one has the line's end.
    const width = c < widths.length - 1 ? widths[c]! - 1 : widths[c]!;
    return meters.flatMap((m, i) => (spread && c === 0 && i === 0 ? [] : meterLines(m.meter, m.mode, width, source)));
  });
  const tallest = Math.max(0, ...columns.map((c) => c.length));
  for (let i = 0; i < tallest; i++) {
    let line = '';
    columns.forEach((lines, c) => {
      const text = lines[i] ?? '';
      line += c < columns.length - 1 ? text + ' '.repeat(Math.max(0, widths[c]! - fastStringWidth(text))) : text;
    });
    out.push(line);
  }
  return out.slice(0, layout.headerHeight);
}

/** Every core's meter, `layout.meterColumns` a row, cores running down the columns as in htop: 0 1 2 3 | 4 5 6 7. */
function cpuGrid(meter: PlacedMeter, layout: ScreenLayout, source: MeterSource): string[] {
  const n = source.sample.cpus.length;
  const perRow = layout.meterColumns;
  const width = Math.floor(layout.columns / perRow) - 1;
  const rows = Math.ceil(n / perRow);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < perRow; c++) {
      const index = c * rows + r;
      if (index >= n) continue;
      const cell = coreMeter(index, meter.mode, width, source);
      // Each meter sits in a cell one wider than itself; the last one needs no gap after it.
      line += c < perRow - 1 && (c + 1) * rows + r < n ? cell + ' '.repeat(Math.max(1, width + 1 - fastStringWidth(cell))) : cell;
    }
    lines.push(line);
  }
  return lines;
}
