// `pooltop snapshot`: one sample printed as a table (like `top -b -n 1`) or as JSON, then exit.
import { buildTree } from '../model/build-tree.js';
import { formatBytes, formatUptime } from '../model/format.js';
import { filterRows } from '../model/filter-rows.js';
import { jsonSafe } from '../model/json-safe.js';
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

export interface SnapshotData {
  sample: Sample;
  rows: ProcessRow[];
}

export async function takeSnapshot(options: SnapshotOptions): Promise<SnapshotData> {
  const sampler = await createSampler(options.source ?? undefined);
  try {
    const first = await sampler.sample();
    await new Promise((resolve) => setTimeout(resolve, DELTA_MS));
    const sample = await sampler.sample();
    const rows = sortRows(
      filterRows(deriveRows(first, sample), { user: options.user, pids: options.pids ? new Set(options.pids) : null }),
      { key: options.sortKey, inverted: false },
    );
    return { sample, rows };
  } finally {
    sampler.close();
  }
}

export async function runSnapshot(options: SnapshotOptions, out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }): Promise<number> {
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
export function snapshotTreeText(data: SnapshotData, width?: number): string {
  const lines = summaryLines(data.sample);
  const layout = layoutColumns(width ?? 200);
  lines.push(formatHeader(layout).trimEnd());
  const rank = new Map(data.rows.map((r, i) => [r.pid, i]));
  const tree = buildTree(data.rows, { compare: (a, b) => (rank.get(a.pid) ?? 0) - (rank.get(b.pid) ?? 0) });
  lines.push(...treeText(tree, (row) => formatPrefix(row, layout), { width }));
  return `${lines.join('\n')}\n`;
}

/** The JSON document: real strings (JSON-escaped, see jsonSafe), sizes in bytes, times in seconds. */
export function snapshotJson({ sample, rows }: SnapshotData): object {
  return {
    time: new Date(sample.time).toISOString(),
    source: sample.source,
    cpus: sample.cpus.map((c) => ({ user: round(c.user), system: round(c.system), nice: round(c.nice), idle: round(c.idle) })),
    memory: sample.memory,
    swap: sample.swap,
    load: sample.load,
    uptime: sample.uptime,
    tasks: sample.tasks,
    processes: rows.map(processJson),
  };
}

export interface ProcessJson {
  pid: number;
  ppid: number;
  [field: string]: unknown;
}

export function processJson(r: ProcessRow): ProcessJson {
  return {
    pid: r.pid,
    ppid: r.ppid,
    user: r.user,
    state: r.state,
    priority: r.priority,
    nice: r.nice,
    threads: r.threads,
    vsz: r.vsz,
    rss: r.rss,
    cpu: round(r.cpu),
    mem: round(r.mem),
    time: r.cpuTime < 0 ? null : r.cpuTime,
    processor: r.processor < 0 ? null : r.processor,
    startTime: r.startTime > 0 ? new Date(r.startTime).toISOString() : null,
    name: r.name,
    command: r.command,
  };
}

/** The table: a summary like top's, then one line per process; cut to `width` when on a terminal. */
export function snapshotText({ sample, rows }: SnapshotData, width?: number): string {
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
    ...sample.cpus.map(
      (c, i) =>
        `%Cpu${i}: ${pct(c.user)} us, ${pct(c.system)} sy, ${pct(c.nice)} ni, ${pct(c.idle)} id`,
    ),
    `Mem:  ${formatBytes(sample.memory.total)} total, ${formatBytes(sample.memory.used)} used, ${formatBytes(sample.memory.free)} free, ${formatBytes(sample.memory.available)} available`,
    `Swap: ${formatBytes(sample.swap.total)} total, ${formatBytes(sample.swap.used)} used, ${formatBytes(sample.swap.free)} free`,
    '',
  ];
  return lines;
}

function pct(n: number): string {
  return n.toFixed(1).padStart(5);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
