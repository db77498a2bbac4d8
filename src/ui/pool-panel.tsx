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

/** Lines the panel takes for a pool: summary, column titles, workers, latest results. */
export function poolPanelHeight(pool: PoolSnapshot | null, shown: boolean): number {
  if (!pool || !shown || pool.summary.phase === 'idle') return 0;
  const workers = pool.workers.length;
  return 3 + Math.min(workers, MAX_WORKER_LINES) + (workers > MAX_WORKER_LINES ? 1 : 0);
}

export function PoolPanel({ width }: { width: number }) {
  const pool = useAppStore((s) => s.pool);
  const rows = useAppStore((s) => s.rows);
  const theme = useTheme();
  if (!pool) return null;
  return <Text>{poolPanelLines(pool, rows, width, theme, Date.now()).join('\n')}</Text>;
}

export function poolPanelLines(pool: PoolSnapshot, rows: readonly ProcessRow[], width: number, theme: Theme, now: number): string[] {
  const s = pool.summary;
  const byPid = new Map(rows.map((r) => [r.pid, r]));
  const lines: string[] = [];
  const what = s.streaming && s.workload ? `${describeChoice(s.workload)} stream` : s.phase;
  lines.push(
    styled(
      fitWidth(
        // Orphans early in the line: it is cut at the panel's width, and they are rare news.
        `Pool: ${s.workers} workers${orphansText(s.children)} · ${what} · wall ${clock(s.wallMs)} · CPU ${formatCpuTime(s.cpuMs / 1000)} · ${coresBusyNow(pool, rows).toFixed(2)} cores busy now, ${s.coresBusy.toFixed(2)} overall · ${s.tasksDone} done · ${s.tasksPerSecond.toFixed(2)}/s · queue ${s.pending}`,
        width,
      ),
      { color: theme.worker, bold: true },
    ),
  );
  lines.push(styled(fitWidth(workerColumns('#', 'PID', 'S', 'CPU', 'CPU%', 'task', 'for', 'done'), width), { dim: true }));
  for (const worker of pool.workers.slice(0, MAX_WORKER_LINES)) lines.push(fitWidth(workerLine(worker, byPid.get(worker.pid), now), width));
  if (pool.workers.length > MAX_WORKER_LINES) lines.push(fitWidth(`    … and ${pool.workers.length - MAX_WORKER_LINES} more workers`, width));
  lines.push(cutToWidth(`latest: ${latest(s.latest, Math.max(0, width - 8))}`, width));
  return lines;
}

function workerLine(worker: WorkerSnapshot, row: ProcessRow | undefined, now: number): string {
  const state = row?.state ?? worker.procState ?? '?';
  const core = row && row.processor >= 0 ? String(row.processor) : '-';
  const cpu = row ? formatPercent(row.cpu) : '-';
  const task = worker.task && worker.child ? `${taskText(worker.task)} → ${worker.child.pid}` : taskText(worker.task);
  const doing = worker.state === 'paused' ? `${task} (paused)` : worker.task ? task : worker.state;
  const since = worker.taskSince !== null && worker.task ? `${((now - worker.taskSince) / 1000).toFixed(1)}s` : '';
  return workerColumns(String(worker.index), String(worker.pid), state, core, cpu, doing, since, String(worker.tasksDone)) + (worker.trap ? '  trap' : '');
}

/** One line of the worker list; the titles go through it too, so they sit over their values. */
function workerColumns(index: string, pid: string, state: string, core: string, cpu: string, task: string, since: string, done: string): string {
  return `${index.padStart(5)} ${pid.padStart(7)} ${state.padEnd(1)} ${core.padStart(3)} ${cpu.padStart(5)}  ${fitWidth(task, 29)} ${since.padStart(7)} ${done.padStart(6)}`;
}

/** "primes 1003000000", "sumsq 5000000", "sleep 1000 ms", "family: sleep 8 s". */
export function taskText(task: Task | null): string {
  if (!task) return 'idle';
  if (task.workload === 'sleep') return `sleep ${task.arg} ms`;
  if (task.workload === 'family') return `family: sleep ${task.arg / 1000} s`;
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
