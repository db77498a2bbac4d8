// Graphs as pre-styled text: the cells of graph-cells.ts coloured by their segment, in runs (one
// escape sequence per run of a colour, not per cell), and the CPU and memory graphs the header and
// the graphs panel draw from the history.
import { graphCells, pointsPerCell, type GraphCell, type GraphStyle } from '../model/graph-cells.js';
import { CPU_CHANNELS, type History } from '../model/history.js';
import { timeBuckets } from '../model/time-buckets.js';
import type { TimeRing } from '../model/time-ring.js';
import { styled } from './sgr.js';
import type { Theme } from './theme.js';

/** One row of cells as text, each run of one segment in that segment's colour. */
export function styleGraphRow(row: readonly GraphCell[], colors: readonly (string | undefined)[]): string {
  let out = '';
  let run = '';
  let color: string | undefined;
  for (const cell of row) {
    const c = cell.segment >= 0 ? colors[cell.segment] : undefined;
    if (c !== color && run !== '') {
      out += styled(run, { color });
      run = '';
    }
    color = c;
    run += cell.char;
  }
  return out + styled(run, { color });
}

export interface GraphView {
  now: number;
  spanMs: number;
  style: GraphStyle;
}

/** `channels` of `ring` stacked, `width` cells by `height` rows, as styled lines (top first). */
export function ringGraph(
  ring: TimeRing,
  channels: readonly number[],
  colors: readonly (string | undefined)[],
  width: number,
  height: number,
  view: GraphView,
  max = 1,
): string[] {
  if (width <= 0 || height <= 0) return [];
  const points = timeBuckets(ring, channels, view.now, view.spanMs, width * pointsPerCell(view.style));
  if (max !== 1) for (let i = 0; i < points.length; i++) points[i] = points[i]! / max;
  return graphCells(points, channels.length, height, view.style).map((row) => styleGraphRow(row, colors));
}

export function graphView(history: History, settings: { spanSeconds: number; style: GraphStyle }): GraphView {
  return { now: history.now, spanMs: settings.spanSeconds * 1000, style: settings.style };
}

/** Core `core`'s nice, user and system over time, coloured as its meter. */
export function coreGraph(history: History, core: number, width: number, height: number, view: GraphView, theme: Theme): string[] {
  if (history.cpu.channels < (core + 1) * CPU_CHANNELS) return Array.from({ length: Math.max(0, height) }, () => ' '.repeat(Math.max(0, width)));
  const base = core * CPU_CHANNELS;
  return ringGraph(history.cpu, [base, base + 1, base + 2], [theme.nice, theme.user, theme.system], width, height, view);
}
