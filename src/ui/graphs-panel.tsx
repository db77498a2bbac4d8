// The graphs panel (`g`), btop's cpu box for pooltop: every core's history in a grid, memory and
// swap in the memory meter's parts, disk and network traffic over the same span, and the meters
// this machine does not have.
import { Text } from 'ink';
import type { History } from '../model/history.js';
import type { HostRates } from '../model/host-rates.js';
import { sanitizeText } from '../model/sanitize.js';
import { cutToWidth, displayWidth, fitWidth } from '../model/text-width.js';
import type { TimeRing } from '../model/time-ring.js';
import type { SystemMeters } from '../sampling/system-meters.js';
import { spanText, type GraphSettings } from '../model/graph-settings.js';
import { coreGraph, graphView, ringGraph, type GraphView } from './graph-text.js';
import { MEMORY_GRAPH_ROWS, memoryGraphLines, memoryGraphRows } from './memory-graph.js';
import type { Sample } from '../sampling/types.js';
import { styled } from './sgr.js';
import { formatRate, missingMeterText } from './system-meter-lines.js';
import { useTheme, type Theme } from './theme.js';
import { useAppStore } from './use-app-store.js';

/** Narrowest a core's graph may get before the grid takes fewer columns. */
const MIN_GRAPH = 10;
/** Rows a core's graph gets at most, when there is room (few cores). */
const MAX_CORE_ROWS = 3;

export interface CoreGrid {
  /** Graphs side by side. */
  columns: number;
  /** Rows each graph is high. */
  rowsEach: number;
  /** Cores shown (the first ones, when even the densest grid does not fit). */
  shown: number;
  /** Lines the grid takes, with a "… more" line when not all are shown. */
  lines: number;
}

/**
 * The grid for `cores` in `width` × `room` cells: the fewest columns that fit every core in one
 * row each (each graph at least MIN_GRAPH wide), then taller graphs while there is room.
 */
export function coreGrid(cores: number, width: number, room: number, labelWidth: number): CoreGrid {
  const n = Math.max(1, cores);
  const widest = Math.max(1, Math.floor((width + 1) / (labelWidth + 1 + MIN_GRAPH + 1)));
  let columns = 1;
  while (columns < widest && Math.ceil(n / columns) > room) columns *= 2;
  columns = Math.min(columns, widest);
  const rows = Math.ceil(n / columns);
  if (rows <= room) {
    const rowsEach = Math.max(1, Math.min(MAX_CORE_ROWS, Math.floor(room / rows)));
    return { columns, rowsEach, shown: n, lines: rows * rowsEach };
  }
  const fit = Math.max(0, room - 1);
  return { columns, rowsEach: 1, shown: Math.min(n, fit * columns), lines: fit + 1 };
}

/** Lines below the core grid: memory, swap, disk and network (where known) and each device's rates, the missing meters. */
function tailLines(history: History, meters: SystemMeters, memoryRows: number): number {
  return memoryRows + 1 + (history.io.length > 0 ? 2 : 0) + (history.rates ? 1 : 0) + (Object.keys(meters.missing).length > 0 ? 1 : 0);
}

/** Lines the panel takes with `room` lines free for it (0 when hidden or without room for its core line). */
export function graphsPanelHeight(history: History, graphs: GraphSettings, meters: SystemMeters, cores: number, width: number, room: number): number {
  if (!graphs.panel) return 0;
  const tail = tailLines(history, meters, memoryGraphRows(room));
  const coreRoom = room - 1 - tail;
  if (coreRoom < 1) return 0;
  return 1 + coreGrid(cores, width, coreRoom, labelWidthFor(cores)).lines + tail;
}

/** `memoryRows`: memoryGraphRows() of the room graphsPanelHeight() was given. */
export function GraphsPanel({ width, height, memoryRows }: { width: number; height: number; memoryRows: number }) {
  const history = useAppStore((s) => s.history);
  const graphs = useAppStore((s) => s.graphs);
  const meters = useAppStore((s) => s.meters);
  const sample = useAppStore((s) => s.sample);
  const theme = useTheme();
  const cores = sample?.cpus.length ?? 1;
  return <Text>{graphsPanelLines(history, graphs, meters, sample, cores, width, height, theme, memoryRows).join('\n')}</Text>;
}

function labelWidthFor(cores: number): number {
  return Math.max(3, String(cores - 1).length);
}

/** Memory and swap as the newest sample has them, for the figures beside their graphs. */
export type MemoryNow = Pick<Sample, 'memory' | 'swap'>;

export function graphsPanelLines(
  history: History,
  graphs: GraphSettings,
  meters: SystemMeters,
  memory: MemoryNow | null,
  cores: number,
  width: number,
  height: number,
  theme: Theme,
  memoryRows = MEMORY_GRAPH_ROWS,
): string[] {
  const view = graphView(history, graphs);
  const label = (text: string, w: number): string => styled(text.padStart(w), { color: theme.label });
  const lines: string[] = [styled(fitWidth(`Graphs · ${spanText(graphs.spanSeconds)} · { shorter, } longer, G graph meters, g hides`, width), { dim: true })];
  const tail = tailLines(history, meters, memoryRows);
  const labelWidth = labelWidthFor(cores);
  const grid = coreGrid(cores, width, Math.max(1, height - 1 - tail), labelWidth);
  const cell = Math.floor((width + 1) / grid.columns) - 1;
  const graphWidth = Math.max(1, cell - labelWidth - 1);
  const gridRows = Math.ceil(grid.shown / grid.columns);
  for (let r = 0; r < gridRows; r++) {
    const rowLines = Array.from({ length: grid.rowsEach }, () => '');
    for (let c = 0; c < grid.columns; c++) {
      // Cores run down the columns, as in the header.
      const core = c * gridRows + r;
      if (core >= grid.shown) continue;
      const graph = coreGraph(history, core, graphWidth, grid.rowsEach, view, theme);
      for (let i = 0; i < grid.rowsEach; i++) {
        const name = i === grid.rowsEach - 1 ? String(core) : '';
        rowLines[i] += `${c > 0 ? ' ' : ''}${label(name, labelWidth)} ${graph[i] ?? ''}`;
      }
    }
    lines.push(...rowLines);
  }
  if (grid.shown < cores)
    lines.push(styled(cutToWidth(`${' '.repeat(labelWidth)} … and ${cores - grid.shown} more cores (a taller terminal shows them)`, width), { dim: true }));
  lines.push(...memoryGraphLines(history, memory, memoryRows, width, labelWidth, view, theme));
  if (history.io.length > 0) {
    lines.push(rateLine('Dsk', history.io, [0, 1], [theme.user, theme.system], ['read', 'written'], width, view, labelWidth, theme));
    lines.push(rateLine('Net', history.io, [2, 3], [theme.value, theme.worker], ['in', 'out'], width, view, labelWidth, theme));
  }
  if (history.rates) lines.push(cutToWidth(deviceRates(history.rates), width));
  const missing = missingMeterText(meters);
  if (missing) lines.push(styled(cutToWidth(`not here: ${missing}`, width), { dim: true }));
  return lines.slice(0, height);
}

/** "vda 0/s read, 1.2M/s written · lo 35K/s in, 35K/s out · …": every whole disk and interface, names made harmless. */
function deviceRates(rates: HostRates): string {
  const disks = rates.disks.map((d) => `${sanitizeText(d.device)} ${formatRate(d.readBytesPerSecond)} read, ${formatRate(d.writeBytesPerSecond)} written`);
  const nets = rates.networks.map((n) => `${sanitizeText(n.device)} ${formatRate(n.receiveBytesPerSecond)} in, ${formatRate(n.transmitBytesPerSecond)} out`);
  return [...disks, ...nets].join(' · ');
}

/** `name`, a graph as wide as the line leaves (at least MIN_GRAPH: the text is cut first), then `text`. */
function graphLine(name: string, text: string, width: number, labelWidth: number, theme: Theme, graph: (width: number) => string): string {
  const room = width - labelWidth - 2;
  const shown = displayWidth(text) <= room - MIN_GRAPH ? text : cutToWidth(text, Math.max(0, room - MIN_GRAPH));
  const graphWidth = Math.max(0, room - displayWidth(shown));
  return `${styled(name.padStart(labelWidth), { color: theme.label })} ${graph(graphWidth)} ${shown}`;
}

/**
 * Two rates stacked in one graph, scaled to the peak of their sum over the span (at least 1 KiB/s,
 * so an idle disk draws nothing rather than noise at full height), with the latest values.
 */
function rateLine(
  name: string,
  ring: TimeRing,
  channels: readonly [number, number],
  colors: readonly (string | undefined)[],
  words: readonly [string, string],
  width: number,
  view: GraphView,
  labelWidth: number,
  theme: Theme,
): string {
  const last = ring.length - 1;
  const a = last >= 0 ? ring.valueAt(last, channels[0]) : 0;
  const b = last >= 0 ? ring.valueAt(last, channels[1]) : 0;
  let peak = 1024;
  for (let i = ring.firstAtOrAfter(view.now - view.spanMs); i <= last; i++) peak = Math.max(peak, ring.valueAt(i, channels[0]) + ring.valueAt(i, channels[1]));
  const text = `${formatRate(a)} ${words[0]}, ${formatRate(b)} ${words[1]} (top ${formatRate(peak)})`;
  return graphLine(name, text, width, labelWidth, theme, (graphWidth) => ringGraph(ring, channels, colors, graphWidth, 1, view, peak)[0] ?? '');
}
