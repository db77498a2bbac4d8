// The header: one meter per core, memory and swap, and the tasks / load / uptime lines, laid out
// in two columns like htop's default screen.
import { Box, Text } from 'ink';
import { formatBytes, formatUptime } from '../model/format.js';
import { memoryInUse, memoryParts } from '../model/memory-parts.js';
import { PART_COLOR } from './memory-graph.js';
import type { ProcessRow } from '../model/process-row.js';
import type { PoolSnapshot } from '../pool/pool-snapshot.js';
import { coresBusyNow } from './pool-panel.js';
import type { Sample } from '../sampling/types.js';
import { meterLine } from './meter.js';
import fastStringWidth from './ink/fast-string-width.js';
import { cutToWidth, displayWidth } from '../model/text-width.js';
import { styled, type Style } from './sgr.js';
import type { MeterSegment } from './meter-bar.js';
import type { ScreenLayout } from './layout.js';
import { useTheme, type Theme } from './theme.js';
import { useAppStore } from './use-app-store.js';
import type { History } from '../model/history.js';
import { spanText, type GraphSettings } from '../model/graph-settings.js';
import type { SystemMeters } from '../sampling/system-meters.js';
import { coreGraph, graphView, type GraphView } from './graph-text.js';
import { systemMeterLines } from './system-meter-lines.js';

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
      <Text>{headerLines(sample, pool, rows, layout, theme, { history, graphs, meters }).join('\n')}</Text>
    </Box>
  );
}

/** A piece of a line and its style. */
type Part = readonly [text: string, style?: Style];

/** What the header draws besides the sample: the CPU graphs' history and the system meters. */
export interface HeaderExtras {
  history: History;
  graphs: GraphSettings;
  meters: SystemMeters;
}

/** The header's lines, each at most `layout.columns` wide: meters left (or above), facts right. */
export function headerLines(
  sample: Sample,
  pool: PoolSnapshot | null,
  rows: readonly ProcessRow[],
  layout: ScreenLayout,
  theme: Theme,
  extras?: HeaderExtras,
): string[] {
  const half = Math.floor(layout.columns / 2);
  const right = layout.columns - half;
  const graph = extras && extras.graphs.cpuMeter === 'graph' ? { history: extras.history, view: graphView(extras.history, extras.graphs) } : null;
  const cpuLines = cpuMeterLines(sample, layout, theme, half, graph);
  const memLines = [memoryMeter(sample, half - 1, theme), swapMeter(sample, half - 1, theme)];
  const info = [...infoLines(sample, theme, extras), ...poolLine(pool, rows, theme)];
  if (extras?.graphs.meters) info.push(...systemMeterLines(extras.history.rates, extras.meters, theme, sample.counters !== undefined));
  const out: string[] = [];
  const left = layout.meterColumns === 1 ? [...cpuLines, ...memLines] : memLines;
  if (layout.meterColumns !== 1) out.push(...cpuLines);
  for (let i = 0; i < Math.max(left.length, info.length); i++) {
    const meter = left[i] ?? '';
    const gap = Math.max(0, half - fastStringWidth(meter));
    out.push(meter + ' '.repeat(gap) + partsLine(info[i] ?? [], right));
  }
  return out.slice(0, layout.headerHeight);
}

/** Styled parts cut to `width` cells, an ellipsis marking the cut (as Ink's wrap="truncate"). */
function partsLine(parts: readonly Part[], width: number): string {
  const plain = parts.map(([text]) => text).join('');
  if (displayWidth(plain) <= width) return parts.map(([text, style]) => (style ? styled(text, style) : text)).join('');
  let room = Math.max(0, width - 1);
  let line = '';
  for (const [text, style] of parts) {
    if (room <= 0) break;
    const cut = cutToWidth(text, room);
    room -= displayWidth(cut);
    line += style ? styled(cut, style) : cut;
  }
  return width > 0 ? `${line}…` : '';
}

function labelWidth(sample: Sample): number {
  return Math.max(3, String(sample.cpus.length - 1).length);
}

/** htop's graph meter mode, beside the bar: the bar keeps the value, the graph its history. */
function cpuMeterLines(sample: Sample, layout: ScreenLayout, theme: Theme, half: number, graph: { history: History; view: GraphView } | null): string[] {
  const n = sample.cpus.length;
  const perRow = layout.meterColumns;
  const width = perRow === 1 ? half - 1 : Math.floor(layout.columns / perRow) - 1;
  const rows = Math.ceil(n / perRow);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    // Cores run down the columns, as in htop: 0 1 2 3 | 4 5 6 7.
    for (let c = 0; c < perRow; c++) {
      const index = c * rows + r;
      const cpu = sample.cpus[index];
      if (!cpu) continue;
      const busy = cpu.user + cpu.system + cpu.nice;
      const segments: MeterSegment[] = [
        { fraction: cpu.nice / 100, color: theme.nice, char: theme.color ? '|' : '*' },
        { fraction: cpu.user / 100, color: theme.user, char: '|' },
        { fraction: cpu.system / 100, color: theme.system, char: theme.color ? '|' : '#' },
      ];
      const graphWidth = graph ? Math.floor((width - labelWidth(sample) - 2) / 2) : 0;
      let meter = meterLine(
        { label: String(index), labelWidth: labelWidth(sample), width: width - (graphWidth > 0 ? graphWidth + 1 : 0), segments, text: `${busy.toFixed(1)}%` },
        theme,
      );
      if (graph && graphWidth > 0) meter += ` ${coreGraph(graph.history, index, graphWidth, 1, graph.view, theme)[0] ?? ''}`;
      // Each meter sits in a cell one wider than itself; the last one needs no gap after it.
      line += c < perRow - 1 && (c + 1) * rows + r < n ? meter + ' ' : meter;
    }
    lines.push(line);
  }
  return lines;
}

/** htop's memory bar: each part in its colour (its character in monochrome), labelled used + shared + compressed. */
function memoryMeter(sample: Sample, width: number, theme: Theme): string {
  const { total } = sample.memory;
  const segments = memoryParts(sample.memory).map(
    (part): MeterSegment => ({
      fraction: total > 0 && Number.isFinite(part.bytes) ? part.bytes / total : 0,
      color: PART_COLOR[part.id](theme),
      char: theme.color ? '|' : part.monoChar,
    }),
  );
  const text = `${formatBytes(memoryInUse(sample.memory))}/${formatBytes(total)}`;
  return meterLine({ label: 'Mem', labelWidth: labelWidth(sample), width, segments, text }, theme);
}

/** htop's swap bar: used, then the swap cache; labelled used/total. */
function swapMeter(sample: Sample, width: number, theme: Theme): string {
  const { used, cached, total } = sample.swap;
  const fraction = (bytes: number) => (total > 0 && Number.isFinite(bytes) ? bytes / total : 0);
  const segments: MeterSegment[] = [
    { fraction: fraction(used), color: theme.swap, char: '|' },
    { fraction: fraction(cached), color: theme.memoryCache, char: theme.color ? '|' : '#' },
  ];
  return meterLine({ label: 'Swp', labelWidth: labelWidth(sample), width, segments, text: `${formatBytes(used)}/${formatBytes(total)}` }, theme);
}

/** The pool in one line, while there is one: workers, tasks done, cores busy. */
function poolLine(pool: PoolSnapshot | null, rows: readonly ProcessRow[], theme: Theme): Part[][] {
  if (!pool || pool.summary.phase === 'idle') return [];
  const s = pool.summary;
  const paused = pool.workers.filter((w) => w.state === 'paused').length;
  return [
    [
      ['Pool: ', { color: theme.label }],
      [String(s.workers), { bold: true, color: theme.worker }],
      [` workers${paused > 0 ? `, ${paused} paused` : ''}, `],
      [String(s.tasksDone), { bold: true }],
      [' done, '],
      [coresBusyNow(pool, rows).toFixed(2), { bold: true }],
      [` cores busy${s.phase !== 'running' ? ` (${s.phase})` : ''}`],
    ],
  ];
}

/**
 * htop's Tasks line with htop's numbers (processes without kernel threads; their other threads;
 * kernel threads; threads running now), then the processes by state as top counts them. A
 * count the source does not know is left out.
 */
function taskLines(sample: Sample, theme: Theme): Part[][] {
  const t = sample.tasks;
  const first: Part[] = [
    ['Tasks: ', { color: theme.label }],
    [String(t.userProcesses), { bold: true }],
  ];
  if (t.userThreads !== null) first.push([', '], [String(t.userThreads), { bold: true }], [' thr']);
  if (t.kernelThreads !== null) first.push([', '], [String(t.kernelThreads), { bold: true }], [' kthr']);
  if (t.runningThreads !== null) first.push(['; '], [String(t.runningThreads), { color: theme.running, bold: true }], [' running']);
  if (sample.unreadable > 0) first.push([`, ${sample.unreadable} unreadable`]);
  if (t.sleeping === null || t.stopped === null || t.zombie === null) return [first];
  const states: Part[] = [['       ']];
  if (t.runningThreads === null && t.running !== null) states.push([String(t.running), { color: theme.running, bold: true }], [' running, ']);
  states.push(
    [String(t.sleeping), { bold: true }],
    [' sleeping, '],
    [String(t.stopped), { color: t.stopped > 0 ? theme.stopped : undefined, bold: true }],
    [' stopped, '],
    [String(t.zombie), { color: t.zombie > 0 ? theme.zombie : undefined, bold: true }],
    [' zombie'],
  );
  return [first, states];
}

function infoLines(sample: Sample, theme: Theme, extras?: HeaderExtras): Part[][] {
  const graphs = extras?.graphs;
  const span: Part[] = graphs && (graphs.cpuMeter === 'graph' || graphs.panel) ? [['  Graphs: ', { color: theme.label }], [spanText(graphs.spanSeconds)]] : [];
  const [l1, l5, l15] = sample.load;
  return [
    ...taskLines(sample, theme),
    [['Load average: ', { color: theme.label }], [l1.toFixed(2), { bold: true }], [` ${l5.toFixed(2)} ${l15.toFixed(2)}`]],
    [['Uptime: ', { color: theme.label }], [formatUptime(sample.uptime), { bold: true }], ...span],
  ];
}
