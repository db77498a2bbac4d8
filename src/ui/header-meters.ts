// Each header meter drawn in its mode at a width, as pre-styled lines, and how many lines it
// takes (known before drawing, for the layout): CPUs, memory and swap as htop's bar, text or
// graph; the others as htop's text meters.
import { formatBytes, formatUptime } from '../model/format.js';
import { spanText, type GraphSettings } from '../model/graph-settings.js';
import { METERS, type MeterId, type MeterMode } from '../model/header-layout.js';
import type { History } from '../model/history.js';
import { memoryInUse, memoryParts } from '../model/memory-parts.js';
import type { ProcessRow } from '../model/process-row.js';
import { sanitizeText } from '../model/sanitize.js';
import { cutToWidth, displayWidth } from '../model/text-width.js';
import type { PoolSnapshot } from '../pool/pool-snapshot.js';
import type { SystemMeters } from '../sampling/system-meters.js';
import type { Sample } from '../sampling/types.js';
import { coreGraph, graphView } from './graph-text.js';
import { meterLine } from './meter.js';
import type { MeterSegment } from './meter-bar.js';
import { memoryMeterGraph, PART_COLOR } from './memory-graph.js';
import { coresBusyNow } from './pool-panel.js';
import { styled } from './sgr.js';
import { batteryParts, diskNetworkLines, frequencyParts, gpuParts, sensorParts, temperatureParts, type Part } from './system-meter-lines.js';
import type { Theme } from './theme.js';

/** Everything a meter draws from. */
export interface MeterSource {
  sample: Sample;
  pool: PoolSnapshot | null;
  rows: readonly ProcessRow[];
  theme: Theme;
  /** The graphs' history and settings; without them no graph is drawn and no system meter shows. */
  history?: History;
  graphs?: GraphSettings;
  meters?: SystemMeters;
  hostname?: string;
}

/** What decides a meter's height, cheap to read from the store on every update. */
export interface MeterFacts {
  cores: number;
  /** The pool runs (its line shows). */
  pool: boolean;
  /** The system meters are on (the `systemMeters` setting). */
  systemMeters: boolean;
  /** The source reads the disk and network counters. */
  counters: boolean;
  /** A second sample has given rates. */
  rates: boolean;
  meters: SystemMeters;
}

/** The cores a CPUs meter shows: all, the first half (rounded up), or the rest. */
function coreRange(meter: MeterId, cores: number): [from: number, to: number] {
  const half = Math.ceil(cores / 2);
  if (meter === 'cpusLeft') return [0, half];
  if (meter === 'cpusRight') return [half, cores];
  return [0, cores];
}

const isCpus = (meter: MeterId): boolean => meter === 'cpus' || meter === 'cpusLeft' || meter === 'cpusRight';

/** Lines `meter` takes: the task counter keeps its second line even when empty, so the lines below never jump. */
export function meterHeight(meter: MeterId, facts: MeterFacts): number {
  if (isCpus(meter)) {
    const [from, to] = coreRange(meter, Math.max(1, facts.cores));
    return to - from;
  }
  const m = facts.meters;
  const system = (shown: boolean): number => (facts.systemMeters && shown ? 1 : 0);
  switch (meter) {
    case 'tasks':
      return 2;
    case 'pool':
      return facts.pool ? 1 : 0;
    case 'diskNetwork':
    case 'disk':
    case 'network':
      return system(facts.rates || facts.counters);
    case 'sensors':
      return system(Boolean(m.cpuFrequency || m.temperatures || m.battery || m.gpus));
    case 'frequency':
      return system(Boolean(m.cpuFrequency));
    case 'temperature':
      return system((m.temperatures?.length ?? 0) > 0);
    case 'battery':
      return system((m.battery?.length ?? 0) > 0);
    case 'gpu':
      return system((m.gpus?.length ?? 0) > 0);
    default:
      return 1;
  }
}

/**
 * Why this machine cannot show `meter`, for the setup screen ("not available here, because …"),
 * or null when it can (or might: the pool's line shows while a pool runs).
 */
export function meterUnavailable(meter: MeterId, facts: MeterFacts, source: string): string | null {
  const missing = facts.meters.missing;
  const io = meter === 'diskNetwork' || meter === 'disk' || meter === 'network';
  const sensors = ['sensors', 'frequency', 'temperature', 'battery', 'gpu'].includes(meter);
  if ((io || sensors) && !facts.systemMeters) return 'the systemMeters setting is false';
  if (io && !facts.counters) return `the ${source} source reads no disk or network counters (--source procfs does)`;
  const why = (reason: string | undefined, fallback: string): string => sanitizeText(reason ?? fallback);
  if (meter === 'frequency' && !facts.meters.cpuFrequency) return why(missing.cpuFrequency, 'no CPU frequency read yet');
  if (meter === 'temperature' && !facts.meters.temperatures?.length) return why(missing.temperatures, 'no temperature sensor read yet');
  if (meter === 'battery' && !facts.meters.battery?.length) return why(missing.battery, 'no battery read yet');
  if (meter === 'gpu' && !facts.meters.gpus?.length) return why(missing.gpus, 'no GPU read yet');
  if (meter === 'sensors' && meterHeight('sensors', facts) === 0) return 'no CPU frequency, temperature, battery or GPU here';
  return null;
}

function labelWidth(sample: Sample): number {
  return Math.max(3, String(sample.cpus.length - 1).length);
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

/** `meter`'s lines in `mode`, each at most `width` cells. */
export function meterLines(meter: MeterId, mode: MeterMode, width: number, src: MeterSource): string[] {
  if (isCpus(meter)) {
    const [from, to] = coreRange(meter, src.sample.cpus.length);
    const lines: string[] = [];
    for (let core = from; core < to; core++) lines.push(coreMeter(core, mode, width, src));
    return lines;
  }
  if (meter === 'memory' || meter === 'swap') return [memoryOrSwap(meter, mode, width, src)];
  return textLines(meter, src).map((parts) => partsLine(parts, width));
}

/** One core's meter: htop's bar (with its history beside it while `G` is on), its text, or its graph. */
export function coreMeter(core: number, mode: MeterMode, width: number, src: MeterSource): string {
  const { sample, theme } = src;
  const cpu = sample.cpus[core];
  if (!cpu) return '';
  const label = String(core).padStart(labelWidth(sample));
  const busy = cpu.user + cpu.system + cpu.nice;
  const percent = `${busy.toFixed(1)}%`;
  if (mode === 'text') {
    const value = { bold: true };
    return partsLine(
      [
        [label, { color: theme.label }],
        [': '],
        [percent, value],
        [' usr:', { color: theme.label }],
        [cpu.user.toFixed(1), { color: theme.user }],
        [' sys:', { color: theme.label }],
        [cpu.system.toFixed(1), { color: theme.system }],
        [' ni:', { color: theme.label }],
        [cpu.nice.toFixed(1), { color: theme.nice }],
      ],
      width,
    );
  }
  const history = src.history;
  const graphs = src.graphs;
  if (mode === 'graph') {
    const room = width - label.length - percent.length - 2;
    const cells =
      history && graphs && room > 0 ? (coreGraph(history, core, room, 1, graphView(history, graphs), theme)[0] ?? '') : ' '.repeat(Math.max(0, room));
    return `${styled(label, { color: theme.label })}${room > 0 ? ` ${cells}` : ''} ${styled(percent, { bold: true })}`;
  }
  const segments: MeterSegment[] = [
    { fraction: cpu.nice / 100, color: theme.nice, char: theme.color ? '|' : '*' },
    { fraction: cpu.user / 100, color: theme.user, char: '|' },
    { fraction: cpu.system / 100, color: theme.system, char: theme.color ? '|' : '#' },
  ];
  // htop's graph beside the bar (`G`): the bar keeps the value, the graph its history.
  const graphWidth = history && graphs?.cpuMeter === 'graph' ? Math.floor((width - labelWidth(sample) - 2) / 2) : 0;
  const bar = meterLine(
    { label: String(core), labelWidth: labelWidth(sample), width: width - (graphWidth > 0 ? graphWidth + 1 : 0), segments, text: percent },
    theme,
  );
  if (history && graphs && graphWidth > 0) return `${bar} ${coreGraph(history, core, graphWidth, 1, graphView(history, graphs), theme)[0] ?? ''}`;
  return bar;
}

/** htop's memory meter (each part in its colour, its character in monochrome) or its swap meter (used, then the swap cache). */
function memoryOrSwap(meter: 'memory' | 'swap', mode: MeterMode, width: number, src: MeterSource): string {
  const { sample, theme } = src;
  const memory = meter === 'memory';
  const label = memory ? 'Mem' : 'Swp';
  const total = memory ? sample.memory.total : sample.swap.total;
  const fraction = (bytes: number): number => (total > 0 && Number.isFinite(bytes) ? bytes / total : 0);
  const parts = memory
    ? memoryParts(sample.memory).map((p) => ({ name: p.id, bytes: p.bytes, color: PART_COLOR[p.id](theme), char: theme.color ? '|' : p.monoChar }))
    : [
        { name: 'used', bytes: sample.swap.used, color: theme.swap, char: '|' },
        { name: 'cache', bytes: sample.swap.cached, color: theme.memoryCache, char: theme.color ? '|' : '#' },
      ];
  const value = `${formatBytes(memory ? memoryInUse(sample.memory) : sample.swap.used)}/${formatBytes(total)}`;
  if (mode === 'text') {
    const line: Part[] = [
      [`${label}: `, { color: theme.label }],
      [value, { bold: true }],
    ];
    // The swap's value is its used part already.
    for (const p of memory ? parts : parts.slice(1))
      if (Number.isFinite(p.bytes)) line.push([` ${p.name}:`, { color: theme.label }], [formatBytes(p.bytes), { color: p.color }]);
    return partsLine(line, width);
  }
  if (mode === 'graph') {
    const shown = label.padStart(labelWidth(sample));
    const room = width - shown.length - value.length - 2;
    const { history, graphs } = src;
    const cells = history && graphs && room > 0 ? memoryMeterGraph(history, meter, room, graphView(history, graphs), theme) : ' '.repeat(Math.max(0, room));
    return `${styled(shown, { color: theme.label })}${room > 0 ? ` ${cells}` : ''} ${styled(value, { bold: true })}`;
  }
  const segments = parts.map((p): MeterSegment => ({ fraction: fraction(p.bytes), color: p.color, char: p.char }));
  return meterLine({ label, labelWidth: labelWidth(sample), width, segments, text: value }, theme);
}

/** The text meters' lines, as parts; an empty list when there is nothing to show (the pool idle, a sensor missing). */
function textLines(meter: MeterId, src: MeterSource): Part[][] {
  const { sample, theme } = src;
  const label = { color: theme.label };
  const systemMeters = src.graphs?.meters ?? false;
  const meters = src.meters ?? { missing: {} };
  const one = (parts: Part[]): Part[][] => (systemMeters && parts.length > 0 ? [parts] : []);
  switch (meter) {
    case 'tasks':
      return taskLines(sample, theme);
    case 'load': {
      const [l1, l5, l15] = sample.load;
      return [[['Load average: ', label], [l1.toFixed(2), { bold: true }], [` ${l5.toFixed(2)} ${l15.toFixed(2)}`]]];
    }
    case 'uptime': {
      const graphs = src.graphs;
      const span: Part[] = graphs && (graphs.cpuMeter === 'graph' || graphs.panel) ? [['  Graphs: ', label], [spanText(graphs.spanSeconds)]] : [];
      return [[['Uptime: ', label], [formatUptime(sample.uptime), { bold: true }], ...span]];
    }
    case 'clock': {
      const time = new Date(sample.time);
      const hms = [time.getHours(), time.getMinutes(), time.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
      return [
        [
          ['Time: ', label],
          [hms, { bold: true }],
        ],
      ];
    }
    case 'hostname':
      return [
        [
          ['Hostname: ', label],
          [sanitizeText(src.hostname || '-'), { bold: true }],
        ],
      ];
    case 'pool':
      return poolLine(src);
    case 'diskNetwork':
    case 'disk':
    case 'network': {
      if (!systemMeters) return [];
      const [line] = diskNetworkLines(src.history?.rates ?? null, theme, sample.counters !== undefined);
      if (!line) return [];
      // The combined line is the disk's five parts, then two spaces' gap, then the network's five.
      return [meter === 'disk' ? line.slice(0, 5) : meter === 'network' ? line.slice(5) : line];
    }
    case 'sensors':
      return one(sensorParts(meters, theme));
    case 'frequency':
      return one(frequencyParts(meters, theme));
    case 'temperature':
      return one(temperatureParts(meters, theme));
    case 'battery':
      return one(batteryParts(meters, theme));
    case 'gpu':
      return one(gpuParts(meters, theme));
    default:
      return [[[METERS[meter].name]]];
  }
}

/** The pool in one line, while there is one: workers, tasks done, cores busy. */
function poolLine({ pool, rows, theme }: MeterSource): Part[][] {
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

/** The facts from the store's state, for the screen's layout. */
export function storeMeterFacts(s: {
  sample: Sample | null;
  pool: PoolSnapshot | null;
  graphs: GraphSettings;
  history: History;
  meters: SystemMeters;
}): MeterFacts {
  return {
    cores: s.sample?.cpus.length ?? 1,
    pool: s.pool !== null && s.pool.summary.phase !== 'idle',
    systemMeters: s.graphs.meters,
    counters: s.sample?.counters !== undefined,
    rates: s.history.rates !== null,
    meters: s.meters,
  };
}
