// Which meters the header shows, in which of its 1–4 columns and in which mode (htop's Setup →
// Meters and "Header layout"): the meters there are, the settings file's shape and its checks, and
// the edits the setup screen makes. Pure data; src/ui/header-meters.ts draws it.

export const METER_IDS = [
  'cpus',
  'cpusLeft',
  'cpusRight',
  'memory',
  'swap',
  'tasks',
  'load',
  'uptime',
  'clock',
  'hostname',
  'pool',
  'diskNetwork',
  'disk',
  'network',
  'sensors',
  'frequency',
  'temperature',
  'battery',
  'gpu',
] as const;
export type MeterId = (typeof METER_IDS)[number];

/** htop's meter modes that pooltop draws: a bar, a line of text, or the value's history as a graph. */
const METER_MODES = ['bar', 'text', 'graph'] as const;
export type MeterMode = (typeof METER_MODES)[number];

export interface MeterInfo {
  /** As the setup screen lists it. */
  name: string;
  /** What it shows, one line. */
  title: string;
  /** The modes it can be drawn in, the first its default. */
  modes: readonly MeterMode[];
}

const BAR_TEXT_GRAPH: readonly MeterMode[] = ['bar', 'text', 'graph'];
const TEXT: readonly MeterMode[] = ['text'];

export const METERS: Record<MeterId, MeterInfo> = {
  cpus: { name: 'CPUs (all)', title: 'a meter per core', modes: BAR_TEXT_GRAPH },
  cpusLeft: { name: 'Left CPUs', title: 'the first half of the cores', modes: BAR_TEXT_GRAPH },
  cpusRight: { name: 'Right CPUs', title: 'the second half of the cores', modes: BAR_TEXT_GRAPH },
  memory: { name: 'Memory', title: 'used, shared, compressed, buffers, cache', modes: BAR_TEXT_GRAPH },
  swap: { name: 'Swap', title: 'used and the swap cache', modes: BAR_TEXT_GRAPH },
  tasks: { name: 'Task counter', title: 'processes, threads, kernel threads, running; by state', modes: TEXT },
  load: { name: 'Load average', title: '1, 5 and 15 minutes', modes: TEXT },
  uptime: { name: 'Uptime', title: 'since boot (and the graphs’ span)', modes: TEXT },
  clock: { name: 'Clock', title: 'the local time of the sample', modes: TEXT },
  hostname: { name: 'Hostname', title: "the machine's name", modes: TEXT },
  pool: { name: 'Pool', title: "the lab pool's workers, tasks done, cores busy (while it runs)", modes: TEXT },
  diskNetwork: { name: 'Disk & network', title: 'disk read/written and network in/out a second, on one line', modes: TEXT },
  disk: { name: 'Disk IO', title: 'bytes read and written a second', modes: TEXT },
  network: { name: 'Network IO', title: 'bytes received and sent a second', modes: TEXT },
  sensors: { name: 'Sensors', title: 'frequency, temperature, battery and GPU on one line', modes: TEXT },
  frequency: { name: 'CPU frequency', title: "the cores' clock", modes: TEXT },
  temperature: { name: 'Temperature', title: 'the hottest CPU sensor', modes: TEXT },
  battery: { name: 'Battery', title: 'charge and time left', modes: TEXT },
  gpu: { name: 'GPU', title: 'busy, memory, temperature', modes: TEXT },
};

export interface PlacedMeter {
  meter: MeterId;
  mode: MeterMode;
}

/** The header's columns, left to right, each its meters top to bottom. */
export interface HeaderLayout {
  columns: readonly (readonly PlacedMeter[])[];
}

export const MAX_HEADER_COLUMNS = 4;
/** More meters than any screen has lines for; a longer list in the file is refused as a whole. */
export const MAX_PLACED_METERS = 64;

/** Today's header: CPUs, memory and swap left; tasks, load, uptime, the pool and the system meters right. */
export const DEFAULT_HEADER_LAYOUT: HeaderLayout = {
  columns: [
    [
      { meter: 'cpus', mode: 'bar' },
      { meter: 'memory', mode: 'bar' },
      { meter: 'swap', mode: 'bar' },
    ],
    [
      { meter: 'tasks', mode: 'text' },
      { meter: 'load', mode: 'text' },
      { meter: 'uptime', mode: 'text' },
      { meter: 'pool', mode: 'text' },
      { meter: 'diskNetwork', mode: 'text' },
      { meter: 'sensors', mode: 'text' },
    ],
  ],
};

function isMeterId(value: unknown): value is MeterId {
  return typeof value === 'string' && (METER_IDS as readonly string[]).includes(value);
}

/**
 * The layout in `value` (from JSON.parse) when all of it is good: 1–4 columns, at most
 * MAX_PLACED_METERS meters, each a known meter in a mode it has. Anything else is undefined, so
 * the file keeps it and the run uses the default.
 */
export function parseHeaderLayout(value: unknown): HeaderLayout | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const columns: unknown = (value as { columns?: unknown }).columns;
  if (!Array.isArray(columns) || columns.length < 1 || columns.length > MAX_HEADER_COLUMNS) return undefined;
  if (!columns.every(Array.isArray) || columns.reduce((n: number, c: unknown[]) => n + c.length, 0) > MAX_PLACED_METERS) return undefined;
  const parsed: PlacedMeter[][] = [];
  for (const column of columns as unknown[][]) {
    const meters: PlacedMeter[] = [];
    for (const entry of column) {
      if (typeof entry !== 'object' || entry === null) return undefined;
      const { meter, mode } = entry as { meter?: unknown; mode?: unknown };
      if (!isMeterId(meter) || !(METERS[meter].modes as readonly unknown[]).includes(mode)) return undefined;
      meters.push({ meter, mode: mode as MeterMode });
    }
    parsed.push(meters);
  }
  return { columns: parsed };
}

/** Where a placed meter is: its column and its place in it. */
export interface MeterPlace {
  column: number;
  index: number;
}

/** Every placed meter in reading order: column 1 top to bottom, then column 2… */
export function placesOf(layout: HeaderLayout): MeterPlace[] {
  return layout.columns.flatMap((meters, column) => meters.map((_, index) => ({ column, index })));
}

function withColumns(columns: readonly (readonly PlacedMeter[])[]): HeaderLayout {
  return { columns: columns.map((c) => [...c]) };
}

/** `count` columns; the meters of columns taken away go to the end of the last one kept, so none is lost. */
export function setColumnCount(layout: HeaderLayout, count: number): HeaderLayout {
  const n = Math.max(1, Math.min(MAX_HEADER_COLUMNS, count));
  const columns = layout.columns.slice(0, n).map((c) => [...c]);
  while (columns.length < n) columns.push([]);
  columns[n - 1]!.push(...layout.columns.slice(n).flat());
  return withColumns(columns);
}

/** `meter` added at the end of `column`, in its first mode. */
export function addMeter(layout: HeaderLayout, meter: MeterId, column: number): HeaderLayout {
  const at = Math.max(0, Math.min(layout.columns.length - 1, column));
  return withColumns(layout.columns.map((c, i) => (i === at ? [...c, { meter, mode: METERS[meter].modes[0]! }] : c)));
}

export function removeMeter(layout: HeaderLayout, place: MeterPlace): HeaderLayout {
  return withColumns(layout.columns.map((c, i) => (i === place.column ? c.filter((_, j) => j !== place.index) : c)));
}

/** The meter at `place` in its next mode (round to the first); a meter with one mode stays. */
export function nextMode(layout: HeaderLayout, place: MeterPlace): HeaderLayout {
  return withColumns(
    layout.columns.map((c, i) =>
      i !== place.column
        ? c
        : c.map((m, j) => {
            if (j !== place.index) return m;
            const modes = METERS[m.meter].modes;
            return { ...m, mode: modes[(modes.indexOf(m.mode) + 1) % modes.length]! };
          }),
    ),
  );
}

/**
 * The meter at `place` one step up or down in reading order: past the top of a column it goes to
 * the end of the column before, past the bottom to the top of the next. Returns the layout and
 * where the meter is now (unchanged at the very first or last place).
 */
export function moveMeter(layout: HeaderLayout, place: MeterPlace, delta: -1 | 1): { layout: HeaderLayout; place: MeterPlace } {
  const columns = layout.columns.map((c) => [...c]);
  const column = columns[place.column];
  const meter = column?.[place.index];
  if (!column || !meter) return { layout, place };
  const to = place.index + delta;
  if (to >= 0 && to < column.length) {
    [column[place.index], column[to]] = [column[to]!, meter];
    return { layout: withColumns(columns), place: { column: place.column, index: to } };
  }
  const next = place.column + delta;
  const target = columns[next];
  if (!target) return { layout, place };
  column.splice(place.index, 1);
  if (delta < 0) target.push(meter);
  else target.unshift(meter);
  return { layout: withColumns(columns), place: { column: next, index: delta < 0 ? target.length - 1 : 0 } };
}

export function sameLayout(a: HeaderLayout, b: HeaderLayout): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
