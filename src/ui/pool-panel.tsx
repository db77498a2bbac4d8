// The pool panel, shown while a pool runs: one line per worker (PID, state, core, CPU%, its task
// and for how long, its child, tasks done) and the pool's summary: wall time, the workers' CPU
// time, cores busy (CPU ÷ wall), tasks done and their rate, orphans, and the latest results in
// arrival order.
import { Text } from 'ink';
import { formatCpuTime, formatPercent } from '../model/format.js';
import { cutToWidth, fitWidth } from '../model/text-width.js';
import type { ProcessRow } from '../model/process-row.js';
import type { PoolSnapshot, WorkerSnapshot } from '../pool/pool-snapshot.js';
import type { Task, TaskResult } from '../pool/task.js';
import { describeChoice } from '../store/pool-actions.js';
import { sparkline } from '../model/graph-cells.js';
import type { History } from '../model/history.js';
import { MARK_LEGEND, marksLine } from '../model/pool-marks.js';
import { timeBuckets } from '../model/time-buckets.js';
import { graphView, ringGraph, type GraphView } from './graph-text.js';
import { styled } from './sgr.js';
import { useTheme, type Theme } from './theme.js';
import { useAppStore } from './use-app-store.js';

/** Worker lines shown at most; the rest are summed up in one line. */
const MAX_WORKER_LINES = 8;

/**
 * Cores the workers keep busy now: the sum of their CPU% over the last refresh. The summary's
 * figure (CPU ÷ wall since the start) moves slowly; this one shows a pause or an I/O-bound
 * workload at the next refresh.
 */
export function coresBusyNow(pool: PoolSnapshot, rows: readonly ProcessRow[]): number {
  const workers = new Set(pool.workers.map((w) => w.pid));
  let percent = 0;
  for (const row of rows) if (workers.has(row.pid)) percent += row.cpu;
  return percent / 100;
}

/** The pool's "cores busy" graph: rows high, and the marks line under it. */
const POOL_GRAPH_ROWS = 2;
/** A worker's sparkline: one block a cell over its last minute. */
const SPARK_WIDTH = 15;
const SPARK_SPAN_MS = 60_000;

/** Lines the panel takes for a pool: summary, column titles, workers, a lesson's result (threads, pipeline), (its graph and marks,) latest results. */
export function poolPanelHeight(pool: PoolSnapshot | null, shown: boolean, graph = false): number {
  if (!pool || !shown || pool.summary.phase === 'idle') return 0;
  const workers = pool.workers.length;
  const lesson = lessonLine(pool.summary.latest) !== null ? 1 : 0;
  return 3 + Math.min(workers, MAX_WORKER_LINES) + (workers > MAX_WORKER_LINES ? 1 : 0) + lesson + (graph ? POOL_GRAPH_ROWS + 1 : 0);
}

/** What the panel draws over time: the history and how graphs are drawn (their span and style). */
export interface PoolHistory {
  history: History;
  view: GraphView;
  /** The machine's cores: the top of the "cores busy" graph. */
  cores: number;
}

export function PoolPanel({ width }: { width: number }) {
  const pool = useAppStore((s) => s.pool);
  const rows = useAppStore((s) => s.rows);
  const history = useAppStore((s) => s.history);
  const graphs = useAppStore((s) => s.graphs);
  const cores = useAppStore((s) => s.sample?.cpus.length ?? 1);
  const theme = useTheme();
  if (!pool) return null;
  const over: PoolHistory = { history, view: graphView(history, graphs), cores };
  return <Text>{poolPanelLines(pool, rows, width, theme, Date.now(), over).join('\n')}</Text>;
}

export function poolPanelLines(pool: PoolSnapshot, rows: readonly ProcessRow[], width: number, theme: Theme, now: number, over?: PoolHistory): string[] {
  const s = pool.summary;
  const byPid = new Map(rows.map((r) => [r.pid, r]));
  const lines: string[] = [];
  const what = s.streaming && s.workload ? `${describeChoice(s.workload)} stream` : s.phase;
  lines.push(
    styled(
      fitWidth(
        // Orphans early in the line: it is cut at the panel's width, and they are rare news.
        `Pool: ${s.workers} workers${orphansText(s.children)}${zombiesText(pool, rows, now)} · ${what} · wall ${clock(s.wallMs)} · CPU ${formatCpuTime(s.cpuMs / 1000)} · ${coresBusyNow(pool, rows).toFixed(2)} cores busy now, ${s.coresBusy.toFixed(2)} overall · ${s.tasksDone} done · ${s.tasksPerSecond.toFixed(2)}/s · queue ${s.pending}`,
        width,
      ),
      { color: theme.worker, bold: true },
    ),
  );
  const spark = over ? (pid: number) => sparkline(workerPoints(over, pid)) : null;
  lines.push(
    styled(fitWidth(workerColumns('#', 'PID', 'S', 'CPU', 'CPU%', 'task', 'for', 'done', spark ? fitWidth('last 60 s', SPARK_WIDTH) : null), width), {
      dim: true,
    }),
  );
  for (const worker of pool.workers.slice(0, MAX_WORKER_LINES))
    lines.push(fitWidth(workerLine(worker, byPid.get(worker.pid), now, spark ? spark(worker.pid) : null), width));
  if (pool.workers.length > MAX_WORKER_LINES) lines.push(fitWidth(`    … and ${pool.workers.length - MAX_WORKER_LINES} more workers`, width));
  const lesson = lessonLine(s.latest);
  if (lesson !== null) lines.push(fitWidth(lesson, width));
  if (over) lines.push(...poolGraphLines(over, width, theme));
  lines.push(cutToWidth(`latest: ${latest(s.latest, Math.max(0, width - 8))}`, width));
  return lines;
}

/** A worker's CPU over its last minute, one point a sparkline cell; blank before it started. */
function workerPoints(over: PoolHistory, pid: number): Float64Array {
  const ring = over.history.workers.get(pid);
  if (!ring) return new Float64Array(SPARK_WIDTH).fill(Number.NaN);
  return timeBuckets(ring, [0], over.view.now, SPARK_SPAN_MS, SPARK_WIDTH);
}

/**
 * The pool's cores busy over the graphs' span, its top the machine's cores (a full graph: every
 * core busy), and under it the marks where the pool was paused, resumed or changed its workers.
 */
function poolGraphLines(over: PoolHistory, width: number, theme: Theme): string[] {
  const label = 'busy ';
  const top = ` ${over.cores} core${over.cores === 1 ? '' : 's'}`;
  // The legend sits right of the marks; the graph takes what the label and the legend leave.
  const right = Math.max(top.length, MARK_LEGEND.length + 1);
  const graphWidth = Math.max(1, width - label.length - right);
  const graph = ringGraph(over.history.pool, [0], [theme.worker], graphWidth, POOL_GRAPH_ROWS, over.view, Math.max(1, over.cores));
  const marks = marksLine(over.history.poolMarks, over.view.now, over.view.spanMs, graphWidth);
  return [
    ...graph.map((line, i) => `${styled(label, { color: theme.label })}${line}${i === 0 ? styled(top, { dim: true }) : ''}`),
    cutToWidth(`${' '.repeat(label.length)}${marks} ${MARK_LEGEND}`, width),
  ];
}

function workerLine(worker: WorkerSnapshot, row: ProcessRow | undefined, now: number, spark: string | null): string {
  const state = row?.state ?? worker.procState ?? '?';
  const core = row && row.processor >= 0 ? String(row.processor) : '-';
  const cpu = row ? formatPercent(row.cpu) : '-';
  const task = worker.task && worker.child ? `${taskText(worker.task)} → ${worker.child.pid}` : taskText(worker.task);
  const doing = worker.state === 'paused' ? `${task} (paused)` : worker.task ? task : worker.state;
  const since = worker.taskSince !== null && worker.task ? `${((now - worker.taskSince) / 1000).toFixed(1)}s` : '';
  return (
    workerColumns(String(worker.index), String(worker.pid), state, core, cpu, doing, since, String(worker.tasksDone), spark) +
    (worker.trap ? '  trap' : '') +
    ipcText(worker, now)
  );
}

/** "  IPC 41 B/s": the average rate through the worker's IPC channel since it started. */
function ipcText(worker: WorkerSnapshot, now: number): string {
  const seconds = (now - worker.startedAt) / 1000;
  if (worker.ipcBytes === undefined || seconds < 1) return '';
  const rate = worker.ipcBytes / seconds;
  return `  IPC ${rate >= 10_000 ? `${(rate / 1000).toFixed(0)} kB/s` : `${rate.toFixed(0)} B/s`}`;
}

/** One line of the worker list; the titles go through it too, so they sit over their values. */
function workerColumns(
  index: string,
  pid: string,
  state: string,
  core: string,
  cpu: string,
  task: string,
  since: string,
  done: string,
  spark: string | null,
): string {
  return `${index.padStart(5)} ${pid.padStart(7)} ${state.padEnd(1)} ${core.padStart(3)} ${cpu.padStart(5)} ${spark !== null ? ` ${spark}` : ''} ${fitWidth(task, 29)} ${since.padStart(7)} ${done.padStart(6)}`;
}

/** "primes 1003000000", "sumsq 5000000", "sleep 1000 ms", "family: sleep 8 s". */
export function taskText(task: Task | null): string {
  if (!task) return 'idle';
  if (task.workload === 'sleep') return `sleep ${task.arg} ms`;
  if (task.workload === 'family') return `family: sleep ${task.arg / 1000} s`;
  if (task.workload === 'zombie') return `zombie: sleep ${task.arg / 1000} s`;
  return `${task.workload} ${task.arg}`;
}

/** " · 1 orphan (PID 4300)": children left running by workers that died. */
function orphansText(children: PoolSnapshot['summary']['children']): string {
  const orphans = (children ?? []).filter((c) => c.orphaned);
  if (orphans.length === 0) return '';
  const pids = orphans
    .slice(0, 3)
    .map((c) => c.pid)
    .join(', ');
  return ` · ${orphans.length} orphan${orphans.length > 1 ? 's' : ''} (PID ${pids}${orphans.length > 3 ? ', …' : ''})`;
}

/**
 * The newest result of a lesson whose value is the point: the threads workloads' counter
 * ("shared counter (no lock): expected 20000000, counted 11525924, lost 8474076 (42.4 %)"), the
 * pipeline's rate through its pipe. null when the latest results hold none.
 */
function lessonLine(results: readonly TaskResult[]): string | null {
  for (let i = results.length - 1; i >= 0; i--) {
    const r = results[i]!;
    // Only a value of the very shape the worker makes is shown: nothing else from IPC reaches the screen.
    if (
      r.workload === 'pipeline' &&
      typeof r.value === 'string' &&
      /^pipeline: \d+\.\d\d MB\/s through the pipe \(\d+ bytes in \d+ ms\): the reader's pace$/.test(r.value)
    )
      return r.value;
    if (r.workload !== 'threads' && r.workload !== 'threads-atomic') continue;
    const match = typeof r.value === 'string' ? /^expected (\d+) counted (\d+) lost (-?\d+)$/.exec(r.value) : null;
    if (!match) continue;
    const [expected, counted, lost] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const share = expected > 0 ? ` (${((100 * lost) / expected).toFixed(1)} %)` : '';
    return `shared counter (${r.workload === 'threads' ? 'no lock' : 'Atomics'}): expected ${expected}, counted ${counted}, lost ${lost}${share}`;
  }
  return null;
}

/** " · zombie 4301 unreaped by 4300 for 3.2 s": the zombie workload's zombies, as the sample shows them (state Z under a task's child). */
function zombiesText(pool: PoolSnapshot, rows: readonly ProcessRow[], now: number): string {
  const since = new Map<number, number>();
  for (const w of pool.workers) if (w.child?.zombieSince != null) since.set(w.child.pid, w.child.zombieSince);
  if (since.size === 0) return '';
  const zombies = rows.filter((r) => r.state === 'Z' && since.has(r.ppid));
  const first = zombies[0];
  if (first === undefined) return '';
  const waited = Math.max(0, (now - since.get(first.ppid)!) / 1000).toFixed(1);
  const more = zombies.length > 1 ? ` and ${zombies.length - 1} more` : '';
  return ` · zombie ${first.pid} unreaped by ${first.ppid} for ${waited} s${more}`;
}

/** The newest results that fit in `width` cells, in arrival order (oldest of them first). */
function latest(results: readonly TaskResult[], width: number): string {
  if (results.length === 0) return '(no result yet)';
  const shown: string[] = [];
  let used = 0;
  for (let i = results.length - 1; i >= 0; i--) {
    const r = results[i]!;
    const text = `${r.error ? 'error' : String(r.value).slice(0, 24)} (${r.pid})`;
    if (used + text.length + 3 > width && shown.length > 0) break;
    shown.unshift(text);
    used += text.length + 3;
  }
  return shown.join(' · ');
}

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
