// The memory and swap graphs of the graphs panel: the memory meter's parts stacked over time, each
// in the meter's colour (in monochrome, its own shade), with the latest figures of each part.
import { shadedGraphCells } from '../model/graph-cells.js';
import { formatBytes } from '../model/format.js';
import { SWAP_CHANNEL, type History } from '../model/history.js';
import { MEMORY_PART_IDS, memoryInUse, memoryParts, type MemoryPartId } from '../model/memory-parts.js';
import { cutToWidth, displayWidth } from '../model/text-width.js';
import { timeBuckets } from '../model/time-buckets.js';
import type { MemoryInfo, SwapInfo } from '../sampling/types.js';
import { styleGraphRow, type GraphView } from './graph-text.js';
import { styled } from './sgr.js';
import type { Theme } from './theme.js';

/** Rows the memory graph takes where there is room: enough for its parts to show as layers; swap takes one. */
export const MEMORY_GRAPH_ROWS = 3;
/** Lines free for the graphs panel from which the memory graph takes MEMORY_GRAPH_ROWS rather than one. */
const ROOM_FOR_LAYERS = 20;

/** The memory graph's rows with `room` lines free for the panel: a short terminal keeps its lines for the table. */
export function memoryGraphRows(room: number): number {
  return room >= ROOM_FOR_LAYERS ? MEMORY_GRAPH_ROWS : 1;
}
/** Narrowest a graph may get: its text is cut first. */
const MIN_GRAPH = 10;

/** htop's memory meter colours, part by part (the header's meter draws with the same). */
export const PART_COLOR: Record<MemoryPartId, (theme: Theme) => string | undefined> = {
  used: (t) => t.memory,
  shared: (t) => t.memoryShared,
  compressed: (t) => t.memoryCompressed,
  buffers: (t) => t.memoryBuffers,
  cache: (t) => t.memoryCache,
};

/** Each part's shade in monochrome, darkest at the bottom of the stack: the shape tells the parts apart without colour. */
const PART_SHADE: Record<MemoryPartId, string> = { used: '█', shared: '▓', compressed: '▚', buffers: '▒', cache: '░' };
const SWAP_SHADES = ['█', '░'];

/** Text drawn after a graph: as shown, and without its styling, to measure and cut. */
interface Figures {
  shown: string;
  plain: string;
}

/** One part's figure: its word in its colour, or after its shade in monochrome. */
function partFigures(label: string, bytes: number, color: string | undefined, shade: string, theme: Theme): Figures {
  const plain = theme.color ? `${label} ${formatBytes(bytes)}` : `${shade}${label} ${formatBytes(bytes)}`;
  return { plain, shown: theme.color ? `${styled(label, { color })} ${formatBytes(bytes)}` : plain };
}

function joined(figures: readonly Figures[], separator: string, head = ''): Figures {
  return { plain: head + figures.map((f) => f.plain).join(separator), shown: head + figures.map((f) => f.shown).join(separator) };
}

const PART_CHANNELS = MEMORY_PART_IDS.map((_, i) => i);

/** The Mem graph's rows, then the Swp graph's: each a label, the graph, and the latest figures (`now`, null before the first sample). */
export function memoryGraphLines(
  history: History,
  now: { memory: MemoryInfo; swap: SwapInfo } | null,
  rows: number,
  width: number,
  labelWidth: number,
  view: GraphView,
  theme: Theme,
): string[] {
  const memText: Figures[] = [];
  let swapText: Figures = { plain: '', shown: '' };
  if (now) {
    const { memory, swap } = now;
    const parts = memoryParts(memory)
      .filter((p) => Number.isFinite(p.bytes) && (p.id !== 'compressed' || p.bytes > 0))
      .map((p) => partFigures(p.label, p.bytes, PART_COLOR[p.id](theme), PART_SHADE[p.id], theme));
    const half = Math.ceil(parts.length / 2);
    memText.push(joined([], '', `${formatBytes(memoryInUse(memory))}/${formatBytes(memory.total)}`));
    // One row has room for the meter's number only; three name each part as well.
    if (rows > 1) memText.push(joined(parts.slice(0, half), ' '), joined(parts.slice(half), ' '));
    const cache = swap.total > 0 && swap.cached > 0 ? [partFigures('cache', swap.cached, theme.memoryCache, SWAP_SHADES[1]!, theme)] : [];
    swapText =
      swap.total > 0 ? joined(cache, '', `${formatBytes(swap.used)}/${formatBytes(swap.total)}${cache.length > 0 ? ', ' : ''}`) : joined([], '', 'no swap');
  }
  const memColors = MEMORY_PART_IDS.map((id) => PART_COLOR[id](theme));
  const memShades = MEMORY_PART_IDS.map((id) => (theme.color ? '█' : PART_SHADE[id]));
  const swapShades = theme.color ? ['█', '█'] : SWAP_SHADES;
  return [
    ...graphRows('Mem', memText, rows, width, labelWidth, theme, (w) => stackedGraph(history, PART_CHANNELS, memColors, memShades, w, rows, view)),
    ...graphRows('Swp', [swapText], 1, width, labelWidth, theme, (w) =>
      stackedGraph(history, [SWAP_CHANNEL, SWAP_CHANNEL + 1], [theme.swap, theme.memoryCache], swapShades, w, 1, view),
    ),
  ];
}

/** One row of the memory's parts (or swap's used and cache) stacked over time: the header's Mem and Swp meters in graph mode. */
export function memoryMeterGraph(history: History, meter: 'memory' | 'swap', width: number, view: GraphView, theme: Theme): string {
  const memory = meter === 'memory';
  const channels = memory ? PART_CHANNELS : [SWAP_CHANNEL, SWAP_CHANNEL + 1];
  const colors = memory ? MEMORY_PART_IDS.map((id) => PART_COLOR[id](theme)) : [theme.swap, theme.memoryCache];
  const shades = theme.color ? channels.map(() => '█') : memory ? MEMORY_PART_IDS.map((id) => PART_SHADE[id]) : SWAP_SHADES;
  return stackedGraph(history, channels, colors, shades, width, 1, view)[0] ?? '';
}

/** `channels` of the memory ring stacked, one point a cell, as styled rows (top first). */
function stackedGraph(
  history: History,
  channels: readonly number[],
  colors: readonly (string | undefined)[],
  shades: readonly string[],
  width: number,
  height: number,
  view: GraphView,
): string[] {
  if (width <= 0) return Array.from({ length: height }, () => '');
  const points = timeBuckets(history.memory, channels, view.now, view.spanMs, width);
  return shadedGraphCells(points, channels.length, height, shades).map((row) => styleGraphRow(row, colors));
}

/** `rows` lines: the label on the last, the graph as wide as the widest text leaves (at least MIN_GRAPH), then each text. */
function graphRows(
  name: string,
  texts: readonly Figures[],
  rows: number,
  width: number,
  labelWidth: number,
  theme: Theme,
  graph: (width: number) => string[],
): string[] {
  const room = width - labelWidth - 2;
  const textWidth = Math.min(Math.max(0, room - MIN_GRAPH), Math.max(0, ...texts.map((t) => displayWidth(t.plain))));
  const drawn = graph(Math.max(0, room - textWidth));
  return Array.from({ length: rows }, (_, i) => {
    const label = i === rows - 1 ? name : '';
    const text = texts[i] ?? { plain: '', shown: '' };
    // Cut, the figures lose their colours: a cut inside an escape sequence would break the line.
    const shown = displayWidth(text.plain) > textWidth ? cutToWidth(text.plain, textWidth) : text.shown;
    return `${styled(label.padStart(labelWidth), { color: theme.label })} ${drawn[i] ?? ''} ${shown}`;
  });
}
