// `pooltop snapshot`: one sample printed as a table (like `top -b -n 1`) or as JSON, then exit.
import type { Writable } from 'node:stream';
import { buildTree } from '../model/build-tree.js';
import { formatBytes, formatUptime } from '../model/format.js';
import { filterRows } from '../model/filter-rows.js';
import { jsonSafe } from '../model/json-safe.js';
import { poolProcessPids } from '../model/pool-processes.js';
import { processJson, snapshotJson, type SampleRows } from '../model/sample-json.js';
import { formatHeader, formatPrefix, layoutColumns } from '../model/format-row.js';
import { deriveRows, type ProcessRow } from '../model/process-row.js';
import { sanitizeText } from '../model/sanitize.js';
import { sortRows } from '../model/sort-rows.js';
import { cutToWidth } from '../model/text-width.js';
import { forestToJson, nestTree } from '../model/tree-json.js';
import { treeText } from '../model/tree-text.js';
import { createSampler } from '../sampling/create-sampler.js';
import type { Sample } from '../sampling/types.js';
import type { SnapshotOptions } from './parse-options.js';

/** CPU% needs two samples; half a second apart is short enough to wait and long enough to mean something. */
const DELTA_MS = 500;

type SnapshotData = SampleRows;

async function takeSnapshot(options: SnapshotOptions): Promise<SnapshotData> {
  const sampler = await createSampler(options.source ?? undefined);
  try {
    const first = await sampler.sample();
    await new Promise((resolve) => setTimeout(resolve, DELTA_MS));
    const sample = await sampler.sample();
    return { sample, rows: snapshotRows(first, sample, options) };
  } finally {
    sampler.close();
  }
}

/** The rows of `sample` (CPU% since `previous`) that -u, -p and --pool-only keep, sorted by -s. */
export function snapshotRows(previous: Sample | null, sample: Sample, options: Pick<SnapshotOptions, 'user' | 'pids' | 'poolOnly' | 'sortKey'>): ProcessRow[] {
  let rows = filterRows(deriveRows(previous, sample), { user: options.user, pids: options.pids ? new Set(options.pids) : null });
  if (options.poolOnly) {
    const pool = poolProcessPids(sample.processes);
    rows = rows.filter((row) => pool.has(row.pid));
  }
  return sortRows(rows, { key: options.sortKey, inverted: false });
}

export async function runSnapshot(options: SnapshotOptions, out: Writable & { isTTY?: boolean; columns?: number }): Promise<number> {
  if (options.watch) return (await import('./watch.js')).runWatch(options, out);
  const data = await takeSnapshot(options);
  const width = out.isTTY ? out.columns : undefined;
  let text: string;
  if (options.tree) text = options.json ? `${treeJson(data.rows)}\n` : snapshotTreeText(data, width);
  else text = options.json ? `${jsonSafe(JSON.stringify(snapshotJson(data), null, 2))}\n` : snapshotText(data, width);
  out.write(text);
  return 0;
}

/**
 * `{ "roots": [ { ...process, "children": [...] } ] }`, children in the order the tree view shows
 * them (`rows` is already sorted). Written without recursion: a PPID chain thousands deep would
 * overflow JSON.stringify.
 */
export function treeJson(rows: readonly ProcessRow[]): string {
  const rank = new Map(rows.map((r, i) => [r.pid, i]));
  const nodes = rows.map(processJson);
  return forestToJson(nestTree(nodes, (a, b) => (rank.get(a.pid) ?? 0) - (rank.get(b.pid) ?? 0)));
}

/** The summary, the column titles, then the tree: columns, guides and commands. */
function snapshotTreeText(data: SnapshotData, width?: number): string {
  const lines = summaryLines(data.sample);
  const layout = layoutColumns(width ?? 200);
  lines.push(formatHeader(layout).trimEnd());
  const rank = new Map(data.rows.map((r, i) => [r.pid, i]));
  const tree = buildTree(data.rows, { compare: (a, b) => (rank.get(a.pid) ?? 0) - (rank.get(b.pid) ?? 0) });
  lines.push(...treeText(tree, (row) => formatPrefix(row, layout), { width }));
  return `${lines.join('\n')}\n`;
}

/** The table: a summary like top's, then one line per process; cut to `width` when on a terminal. */
function snapshotText({ sample, rows }: SnapshotData, width?: number): string {
  const lines = summaryLines(sample);
  const layout = layoutColumns(width ?? 200);
  lines.push(formatHeader(layout).trimEnd());
  for (const row of rows) {
    const line = formatPrefix(row, layout) + sanitizeText(row.command);
    lines.push(width ? cutToWidth(line, width).trimEnd() : line);
  }
  return `${lines.join('\n')}\n`;
}

/** top's summary: time, uptime, load, tasks, each core, memory and swap, then a blank line. */
function summaryLines(sample: Sample): string[] {
  const clock = new Date(sample.time).toTimeString().slice(0, 8);
  const [l1, l5, l15] = sample.load;
  const t = sample.tasks;
  const lines = [
    `pooltop - ${clock} up ${formatUptime(sample.uptime)}, load average: ${l1.toFixed(2)}, ${l5.toFixed(2)}, ${l15.toFixed(2)}`,
    `Tasks: ${t.total} total, ${t.running} running, ${t.sleeping} sleeping, ${t.stopped} stopped, ${t.zombie} zombie`,
    ...sample.cpus.map((c, i) => `%Cpu${i}: ${pct(c.user)} us, ${pct(c.system)} sy, ${pct(c.nice)} ni, ${pct(c.idle)} id`),
    `Mem:  ${formatBytes(sample.memory.total)} total, ${formatBytes(sample.memory.used)} used, ${formatBytes(sample.memory.free)} free, ${formatBytes(sample.memory.available)} available`,
    `Swap: ${formatBytes(sample.swap.total)} total, ${formatBytes(sample.swap.used)} used, ${formatBytes(sample.swap.free)} free`,
    '',
  ];
  return lines;
}

function pct(n: number): string {
  return n.toFixed(1).padStart(5);
}
