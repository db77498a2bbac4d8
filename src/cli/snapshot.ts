// `pooltop snapshot`: one sample printed as a table (like `top -b -n 1`) or as JSON, then exit.
import type { Writable } from 'node:stream';
import { buildTree } from '../model/build-tree.js';
import { formatBytes, formatUptime } from '../model/format.js';
import { filterRows } from '../model/filter-rows.js';
import { jsonSafe } from '../model/json-safe.js';
import { memoryParts } from '../model/memory-parts.js';
import { poolProcessPids } from '../model/pool-processes.js';
import { columnsJson, processJson, snapshotJson, type SampleRows } from '../model/sample-json.js';
import { formatHeader, formatPrefix, layoutColumns } from '../model/format-row.js';
import { deriveRows, type ProcessRow } from '../model/process-row.js';
import { sanitizeText } from '../model/sanitize.js';
import { sortRows } from '../model/sort-rows.js';
import { cutToWidth } from '../model/text-width.js';
import { forestToJson, nestTree } from '../model/tree-json.js';
import { treeText } from '../model/tree-text.js';
import { columnDetails, type ColumnId } from '../model/columns.js';
import { attachCpuTrends, CpuTrends } from '../model/cpu-trends.js';
import { createSampler } from '../sampling/create-sampler.js';
import { readAllMeters, systemMeterSources } from '../sampling/system-meter-sources.js';
import { NO_METERS, withReading, type SystemMeters } from '../sampling/system-meters.js';
import type { Sample, Sampler } from '../sampling/types.js';
import type { SnapshotOptions } from './parse-options.js';

/** CPU% needs two samples; half a second apart is short enough to wait and long enough to mean something. */
const DELTA_MS = 500;

type SnapshotData = SampleRows;

async function takeSnapshot(options: SnapshotOptions): Promise<SnapshotData> {
  const sampler = await createSampler(options.source ?? undefined);
  try {
    if (options.columns) sampler.wantDetails?.(columnDetails(options.columns));
    // The system meters are read while the CPU% delta's half second passes, and only for JSON.
    const [[first, sample], meters] = await Promise.all([sampleTwice(sampler), options.json ? readMeters() : Promise.resolve(undefined)]);
    return { sample, rows: snapshotRows(first, sample, options), columns: options.columns ?? undefined, previous: first, ...(meters && { meters }) };
  } finally {
    sampler.close();
  }
}

/**
 * Two samples DELTA_MS apart, for CPU% between them. A sampler's first reading is its slow one
 * (each process's command line and user are read then, 40–65 ms against 5 ms): with CPU time
 * it is taken and thrown away first, so both samples are fast and each process is read near
 * its sample's stamp, and the interval divided by is the one its CPU time was counted over.
 */
export async function sampleTwice(sampler: Sampler): Promise<[Sample, Sample]> {
  if (sampler.capabilities.cpuTime) await sampler.sample();
  const first = await sampler.sample();
  await new Promise((resolve) => setTimeout(resolve, DELTA_MS));
  return [first, await sampler.sample()];
}

async function readMeters(): Promise<SystemMeters> {
  let meters: SystemMeters = NO_METERS;
  for (const { name, reading } of await readAllMeters(systemMeterSources())) meters = withReading(meters, name, reading);
  return meters;
}

/** The rows of `sample` (CPU% since `previous`) that -u, -p and --pool-only keep, sorted by -s; the CPU graph column's history in `trends`. */
export function snapshotRows(
  previous: Sample | null,
  sample: Sample,
  options: Pick<SnapshotOptions, 'user' | 'pids' | 'poolOnly' | 'sortKey' | 'columns'>,
  trends = new CpuTrends(),
): ProcessRow[] {
  const derived = deriveRows(previous, sample);
  if (previous && options.columns?.includes('cpugraph')) attachCpuTrends(trends, derived);
  let rows = filterRows(derived, { user: options.user, pids: options.pids ? new Set(options.pids) : null });
  if (options.poolOnly) {
    const pool = poolProcessPids(sample.processes);
    rows = rows.filter((row) => pool.has(row.pid));
  }
  return sortRows(rows, { key: options.sortKey, inverted: false });
}

export async function runSnapshot(options: SnapshotOptions, out: Writable & { isTTY?: boolean; columns?: number }): Promise<number> {
  if (options.watch) return (await import('./watch.js')).runWatch(options, out);
  if (options.details) return (await import('./snapshot-details.js')).runSnapshotDetails(options, out);
  const data = await takeSnapshot(options);
  const width = out.isTTY ? out.columns : undefined;
  let text: string;
  if (options.tree) text = options.json ? `${treeJson(data.rows, data.columns)}\n` : snapshotTreeText(data, width);
  else text = options.json ? `${jsonSafe(JSON.stringify(snapshotJson(data), null, 2))}\n` : snapshotText(data, width);
  out.write(text);
  return 0;
}

/**
 * `{ "roots": [ { ...process, "children": [...] } ] }`, children in the order the tree view shows
 * them (`rows` is already sorted). Written without recursion: a PPID chain thousands deep would
 * overflow JSON.stringify.
 */
export function treeJson(rows: readonly ProcessRow[], columns?: readonly ColumnId[]): string {
  const rank = new Map(rows.map((r, i) => [r.pid, i]));
  const nodes = rows.map(columns ? (row) => columnsJson(row, columns) : processJson);
  return forestToJson(nestTree(nodes, (a, b) => (rank.get(a.pid) ?? 0) - (rank.get(b.pid) ?? 0)));
}

/** The summary, the column titles, then the tree: columns, guides and commands. */
function snapshotTreeText(data: SnapshotData, width?: number): string {
  const lines = summaryLines(data.sample);
  const layout = layoutColumns(width ?? 200, data.columns);
  lines.push(formatHeader(layout).trimEnd());
  const rank = new Map(data.rows.map((r, i) => [r.pid, i]));
  const tree = buildTree(data.rows, { compare: (a, b) => (rank.get(a.pid) ?? 0) - (rank.get(b.pid) ?? 0) });
  lines.push(...treeText(tree, (row) => formatPrefix(row, layout), { width }));
  return `${lines.join('\n')}\n`;
}

/** The table: a summary like top's, then one line per process; cut to `width` when on a terminal. */
function snapshotText({ sample, rows, columns }: SnapshotData, width?: number): string {
  const lines = summaryLines(sample);
  const layout = layoutColumns(width ?? 200, columns);
  lines.push(formatHeader(layout).trimEnd());
  for (const row of rows) {
    const line = formatPrefix(row, layout) + (layout.hasCommand ? sanitizeText(row.command) : '');
    lines.push(width ? cutToWidth(line, width).trimEnd() : line);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * top's summary: time, uptime, load, tasks (top's counts of processes, then htop's), each core,
 * memory in htop's parts and swap, then a blank line. What the source does not know is left out.
 */
function summaryLines(sample: Sample): string[] {
  const clock = new Date(sample.time).toTimeString().slice(0, 8);
  const [l1, l5, l15] = sample.load;
  const t = sample.tasks;
  const states = t.running === null ? '' : `, ${t.running} running, ${t.sleeping} sleeping, ${t.stopped} stopped, ${t.zombie} zombie`;
  const htop = [`${t.userProcesses} tasks`, t.userThreads === null ? '' : `${t.userThreads} thr`, t.kernelThreads === null ? '' : `${t.kernelThreads} kthr`]
    .filter(Boolean)
    .join(', ');
  const m = sample.memory;
  const memory = memoryParts(m)
    .filter((part) => Number.isFinite(part.bytes) && (part.id !== 'compressed' || part.bytes > 0))
    .map((part) => `${formatBytes(part.bytes)} ${part.label}`);
  const lines = [
    `pooltop - ${clock} up ${formatUptime(sample.uptime)}, load average: ${l1.toFixed(2)}, ${l5.toFixed(2)}, ${l15.toFixed(2)}`,
    `Tasks: ${t.total} total${states}; as htop counts: ${htop}${t.runningThreads === null ? '' : `; ${t.runningThreads} running`}`,
    ...sample.cpus.map((c, i) => `%Cpu${i}: ${pct(c.user)} us, ${pct(c.system)} sy, ${pct(c.nice)} ni, ${pct(c.idle)} id`),
    `Mem:  ${formatBytes(m.total)} total, ${[...memory, `${formatBytes(m.free)} free`, `${formatBytes(m.available)} available`].join(', ')}`,
    `Swap: ${formatBytes(sample.swap.total)} total, ${formatBytes(sample.swap.used)} used, ${formatBytes(sample.swap.free)} free`,
    '',
  ];
  return lines;
}

function pct(n: number): string {
  return n.toFixed(1).padStart(5);
}
