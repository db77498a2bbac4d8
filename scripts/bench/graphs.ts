// The graphs' and system meters' cost: pooltop with every graph and meter on (graph meters, the
// graphs panel, disk/network/frequency lines) and with them off, next to htop and btop (which
// draws graphs too) in the same run, with the machine's processes and thousands more, and with the
// table's CPU graph column on; then what an hour of history holds, at 2, 64 and 256 cores, and
// what the column's per-process history holds and costs a refresh.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_COLUMNS } from '../../src/model/columns.js';
import { CpuTrends, TREND_POINTS, trendText } from '../../src/model/cpu-trends.js';
import { HISTORY_CAPACITY, historyBytes } from '../../src/model/history.js';
import type { PoolSnapshot } from '../../src/pool/pool-snapshot.js';
import { createAppStore } from '../../src/store/app-store.js';
import type { Sample } from '../../src/sampling/types.js';
import { settings } from './lib/bench-settings.js';
import { ensureInstalled } from './lib/ensure-installed.js';
import { fixed, formatTable, mebibytes } from './lib/format-table.js';
import { btopFrame } from './lib/full-frame.js';
import { startIdleProcesses } from './lib/idle-processes.js';
import { countProcesses } from './lib/proc-stat.js';
import { runTogether, type Program, type Result } from './monitor.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'pooltop');

function configDir(root: string, name: string, settingsJson: object): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'pooltop'), { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, 'pooltop', 'config.json'), JSON.stringify(settingsJson), { mode: 0o600 });
  return dir;
}

function rows(label: string, processes: number, results: Result[]): string[][] {
  return results.map((r) => {
    const refreshes = r.windowMs / 1000;
    const cpuMs = r.cpu.selfMs + r.cpu.childrenMs;
    return [
      label,
      r.name,
      String(processes),
      fixed(cpuMs / refreshes, 1),
      fixed(r.cpu.schedMs / refreshes, 2),
      fixed((cpuMs / r.windowMs) * 100, 1),
      mebibytes(r.memory?.peakRss),
    ];
  });
}

/** A store fed an hour of samples at 1 Hz (and a 2-worker pool): the rings' bytes and the heap they took. */
function hourOfHistory(cores: number): { rings: number; heap: number } {
  global.gc?.();
  const before = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const store = createAppStore();
  const pool = {
    workers: [1, 2].map((i) => ({
      index: i,
      pid: 90_000 + i,
      state: 'busy',
      task: null,
      taskSince: null,
      tasksDone: 0,
      cpuMs: 0,
      trap: false,
      procState: 'R',
      startedAt: 0,
    })),
    summary: { phase: 'running', workers: 2 },
  } as unknown as PoolSnapshot;
  store.getState().setPool(pool);
  const cpus = Array.from({ length: cores }, () => ({ user: 50, system: 10, nice: 0, idle: 40 }));
  const memory = { total: 8e9, used: 2e9, shared: 0, compressed: 0, free: 5e9, available: 6e9, buffers: 0, cached: 0, usedConvention: 'htop' as const };
  for (let t = 0; t <= HISTORY_CAPACITY; t++) {
    const sample: Sample = {
      time: t * 1000,
      monotonic: t * 1000,
      cpus,
      memory,
      swap: { total: 0, used: 0, free: 0, cached: 0 },
      load: [0, 0, 0],
      uptime: t,
      tasks: { total: 0, running: 0, sleeping: 0, stopped: 0, zombie: 0, threads: 0, userProcesses: 0, userThreads: 0, kernelThreads: 0, runningThreads: 0 },
      processes: [],
      unreadable: 0,
      source: 'procfs',
      capabilities: { startTimePrecisionMs: 0, cpuTime: true },
    };
    store.getState().applySample(sample);
  }
  global.gc?.();
  const after = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  return { rings: historyBytes(store.getState().history), heap: after - before };
}

export default async function bench(print: (line: string) => void): Promise<void> {
  const withHtop = ensureInstalled('htop', print);
  const root = mkdtempSync(join(tmpdir(), 'pooltop-bench-graphs-'));
  const on = configDir(root, 'on', { cpuMeter: 'graph', graphsPanel: true, systemMeters: true });
  const off = configDir(root, 'off', { cpuMeter: 'bar', graphsPanel: false, systemMeters: false });
  const column = configDir(root, 'column', {
    cpuMeter: 'bar',
    graphsPanel: false,
    systemMeters: false,
    columns: [...DEFAULT_COLUMNS.slice(0, -1), 'cpugraph', 'command'],
  });
  // btop's own settings file, in a folder of its own: a 1 s refresh, as the others.
  mkdirSync(join(root, 'btop', 'btop'), { recursive: true });
  writeFileSync(join(root, 'btop', 'btop', 'btop.conf'), 'update_ms = 1000\n');
  const programs: Program[] = [
    { name: 'pooltop, graphs and meters on', argv: [BIN, '-d', '10'], env: { XDG_CONFIG_HOME: on }, quitKeys: ['q'] },
    { name: 'pooltop, graphs and meters off', argv: [BIN, '-d', '10'], env: { XDG_CONFIG_HOME: off }, quitKeys: ['q'] },
    { name: 'pooltop, off + CPU graph column', argv: [BIN, '-d', '10'], env: { XDG_CONFIG_HOME: column }, quitKeys: ['q'] },
  ];
  if (withHtop) programs.push({ name: 'htop', argv: ['htop', '-d', '10'], env: { HTOPRC: join(root, 'htoprc') }, quitKeys: ['q'] });
  if (ensureInstalled('btop', print))
    programs.push({
      name: 'btop (1 s)',
      argv: ['btop'],
      env: { XDG_CONFIG_HOME: join(root, 'btop') },
      quitKeys: ['q'],
      ready: btopFrame,
    });

  print(`All at once, each in its own 160×50 tmux session, a 1 s refresh, a ${settings.seconds} s window opened ${settings.warmup} s after start-up;`);
  print('CPU from /proc/[pid]/stat (utime+stime+cutime+cstime; 10 ms ticks) per second, sched from schedstat.');
  const table: string[][] = [];
  try {
    table.push(...rows('machine', countProcesses(), await runTogether(programs, settings.seconds)));
    if (settings.idle > 0) {
      const idle = await startIdleProcesses(settings.idle);
      try {
        table.push(...rows(`+${settings.idle} idle`, countProcesses(), await runTogether(programs, settings.seconds)));
      } finally {
        print(`(stopped the idle processes: ${await idle.stop()} remain in /proc)`);
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  for (const line of formatTable(['processes', 'program', 'seen', 'CPU ms/s', 'sched ms/s', 'CPU %', 'peak RSS'], table)) print(line);

  print('');
  print(`An hour of history at 1 Hz (${HISTORY_CAPACITY} samples) with a 2-worker pool, in process:`);
  const memory = [2, 64, 256].map((cores) => {
    const { rings, heap } = hourOfHistory(cores);
    return [String(cores), mebibytes(rings), mebibytes(heap)];
  });
  for (const line of formatTable(['cores', 'ring bytes', 'heap + array buffers grown'], memory)) print(line);

  print('');
  print("The CPU graph column's per-process history, in process (fake rows, 10 refreshes kept each; 500 refreshes timed):");
  const trends = [100, 2000, 10_000].map((processes) => {
    const cost = trendCost(processes);
    return [String(processes), cost.heap === null ? '(no --expose-gc)' : mebibytes(cost.heap), fixed(cost.recordMs, 3), fixed(cost.drawMs, 3)];
  });
  for (const line of formatTable(['processes', 'heap + array buffers', 'record ms a refresh', '50 rows drawn, ms'], trends)) print(line);
}

/** What CpuTrends holds for `processes` live processes (when the heap can be measured), and what recording all and drawing 50 costs a refresh. */
function trendCost(processes: number): { heap: number | null; recordMs: number; drawMs: number } {
  const heapNow = (): number => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  global.gc?.();
  const before = heapNow();
  const trends = new CpuTrends();
  const rows = Array.from({ length: processes }, (_, i) => ({ pid: i + 2, startTime: 1000 + i, cpu: (i * 7) % 100 }));
  for (let r = 0; r < TREND_POINTS; r++) trends.record(rows);
  global.gc?.();
  const heap = global.gc ? heapNow() - before : null;
  const refreshes = 500;
  let recorded = trends.record(rows);
  let start = performance.now();
  for (let r = 0; r < refreshes; r++) recorded = trends.record(rows);
  const recordMs = (performance.now() - start) / refreshes;
  let width = 0;
  start = performance.now();
  for (let r = 0; r < refreshes; r++) for (let i = 0; i < Math.min(50, recorded.length); i++) width += trendText(recorded[i], TREND_POINTS).length;
  const drawMs = (performance.now() - start) / refreshes;
  if (width === 0) throw new Error('nothing drawn');
  return { heap, recordMs, drawMs };
}
