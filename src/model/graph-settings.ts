// How the graphs are drawn, as the settings file and the keys give it: the CPU meters' mode, the
// graphs panel, the time span and its steps, the characters, and whether the system meters show.
import type { GraphStyle } from './graph-cells.js';

/** The time spans a graph can show, seconds (bottom's zoom goes 30 s to 600 s). */
export const GRAPH_SPANS: readonly number[] = [30, 60, 120, 300, 600];

export interface GraphSettings {
  /** The header's CPU meters: htop's bar, or the bar with its history graph beside it (`G`). */
  cpuMeter: 'bar' | 'graph';
  /** The graphs panel: every core, memory, swap, disks and network over time (`g`). */
  panel: boolean;
  /** What the graphs cover, one of GRAPH_SPANS (`{` shorter, `}` longer). */
  spanSeconds: number;
  style: GraphStyle;
  /** The system meters in the header (disk, network, frequency, temperature, battery, GPU). */
  meters: boolean;
}

export const DEFAULT_GRAPHS: GraphSettings = { cpuMeter: 'bar', panel: false, spanSeconds: 60, style: 'braille', meters: true };

/** "last 60 s", "last 5 min". */
export function spanText(seconds: number): string {
  return seconds < 120 ? `last ${seconds} s` : `last ${seconds / 60} min`;
}
