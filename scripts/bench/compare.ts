// pooltop beside htop, btop and top in one run, as the README's Performance table shows them: CPU
// per second, peak RSS, the terminal's (tmux server's) CPU, bytes written per refresh, the first
// full frame and `--version`, at the machine's own processes and with thousands of idle ones, then
// each performance goal as met or missed. `npm run bench -- compare --scale` adds +10,000.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { settings } from './lib/bench-settings.js';
import { ensureInstalled } from './lib/ensure-installed.js';
import { fixed } from './lib/format-table.js';
import { btopFrame, htopLikeFrame, topFrame } from './lib/full-frame.js';
import { type IdleProcesses, startIdleProcesses } from './lib/idle-processes.js';
import { median } from './lib/median.js';
import { type Comparison, comparisonTable, type Figures, type Level, type ProgramKey } from './lib/monitor-comparison.js';
import { formatVerdicts, judgeGoals } from './lib/performance-goals.js';
import { processLimits } from './lib/process-limits.js';
import { countProcesses, type ProcCpu, readCpu, readMemory, readRunQueueWaitMs } from './lib/proc-stat.js';
import { type Pane, TmuxServer } from './lib/tmux-server.js';
import { medianWallMs } from './lib/wall-time.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'pooltop');
const SIZE = { width: 160, height: 50 };
/** Every program refreshes once a second. */
const REFRESH_SECONDS = 1;
const SCALE_DEFAULT = 10_000;
const VERSION_RUNS = 10;
/** Starts of each program for its first-frame time: the median drops a start a busy machine delayed. */
const FIRST_FRAME_RUNS = 3;
/** htop took 7.5 s to its first frame at +10,000 on a loaded machine. */
const FIRST_FRAME_TIMEOUT_MS = 60_000;
/** Above this share of the cores the monitors (and their servers) used together, they delayed one another. */
const SATURATED = 0.7;
/**
 * From this many extra processes the programs run one at a time: at 10,000 htop alone wants ~0.7
 * of a core and pooltop ~0.6, all five together more than a 2-core machine has.
 */
const ALONE_FROM = 5000;

interface Monitor {
  key: ProgramKey;
  title: string;
  argv: string[];
  env: Record<string, string>;
  ready: (screen: string) => boolean;
  versionArgv: string[];
}

interface Running {
  monitor: Monitor;
  tmux: TmuxServer;
  pane: Pane;
}

/** The version a program prints, e.g. "3.2.2" from "htop 3.2.2", or '' when it prints none. */
function versionOf(argv: string[]): string {
  const result = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
  return /(\d+\.\d+(?:\.\d+)?)/.exec(`${result.stdout ?? ''}${result.stderr ?? ''}`)?.[1] ?? '';
}

/** Each monitor told to refresh once a second and to read its settings from `root` only, never the user's own. */
function monitors(root: string, have: { htop: boolean; btop: boolean }): Monitor[] {
  const pooltopConfig = (name: string, values: object): string => {
    const dir = join(root, name);
    mkdirSync(join(dir, 'pooltop'), { recursive: true, mode: 0o700 });
    writeFileSync(join(dir, 'pooltop', 'config.json'), JSON.stringify(values), { mode: 0o600 });
    return dir;
  };
  // btop and top look in $HOME too (~/.toprc, btop's log): both get an empty home of their own.
  const home = (name: string): string => {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return dir;
  };
  const list: Monitor[] = [];
  if (have.htop) {
    // As pooltop's defaults: kernel and user threads hidden, so both show the same rows.
    const htoprc = join(root, 'htoprc');
    writeFileSync(htoprc, 'hide_kernel_threads=1\nhide_userland_threads=1\n');
    list.push({
      key: 'htop',
      title: `htop ${versionOf(['htop', '--version'])}`,
      argv: ['htop', '-d', '10'],
      env: { HTOPRC: htoprc },
      ready: htopLikeFrame,
      versionArgv: ['htop', '--version'],
    });
  }
  if (have.btop) {
    const btopHome = home('btop-home');
    mkdirSync(join(btopHome, '.config', 'btop'), { recursive: true });
    writeFileSync(join(btopHome, '.config', 'btop', 'btop.conf'), 'update_ms = 1000\nlog_level = "DISABLED"\n');
    list.push({
      key: 'btop',
      title: `btop ${versionOf(['btop', '--version'])}`,
      argv: ['btop'],
      env: { HOME: btopHome, XDG_CONFIG_HOME: join(btopHome, '.config') },
      ready: btopFrame,
      versionArgv: ['btop', '--version'],
    });
  }
  const topHome = home('top-home');
  list.push({
    key: 'top',
    title: `top ${versionOf(['top', '-V'])}`,
    argv: ['top', '-d', '1'],
    env: { HOME: topHome, XDG_CONFIG_HOME: join(topHome, '.config') },
    ready: topFrame,
    versionArgv: ['top', '-V'],
  });
  list.push({
    key: 'pooltop',
    title: 'pooltop, CPU graphs (`G`)',
    argv: [BIN, '-d', '10'],
    env: { XDG_CONFIG_HOME: pooltopConfig('pooltop', { cpuMeter: 'graph' }) },
    ready: htopLikeFrame,
    versionArgv: [BIN, '--version'],
  });
  list.push({
    key: 'pooltop-all',
    title: 'pooltop, every feature (`G`, `g`, meters, highlights)',
    argv: [BIN, '-d', '10'],
    env: { XDG_CONFIG_HOME: pooltopConfig('pooltop-all', { cpuMeter: 'graph', graphsPanel: true, systemMeters: true, highlightChanges: true }) },
    ready: htopLikeFrame,
    versionArgv: [BIN, '--version'],
  });
  return list;
}

async function launch(monitor: Monitor, serverName: string): Promise<{ tmux: TmuxServer; pane: Pane; firstFrameMs: number }> {
  const tmux = new TmuxServer(serverName);
  try {
    const pane = tmux.start(monitor.key, monitor.argv, SIZE, monitor.env);
    const firstFrameMs = await tmux.waitForScreen(pane, monitor.ready, FIRST_FRAME_TIMEOUT_MS);
    if (firstFrameMs === null) {
      const screen = tmux.capture(pane).trim().split('\n').slice(-5).join(' | ');
      throw new Error(`${monitor.key} showed no full frame within ${FIRST_FRAME_TIMEOUT_MS / 1000} s; screen: ${screen || '(gone)'}`);
    }
    return { tmux, pane, firstFrameMs };
  } catch (error) {
    tmux.close();
    throw error;
  }
}

/** The first full frame of each program started alone (nothing else of the bench running), median of a few starts, ms. */
async function firstFrames(list: Monitor[]): Promise<Map<ProgramKey, number>> {
  const frames = new Map<ProgramKey, number>();
  for (const monitor of list) {
    const times: number[] = [];
    for (let i = 0; i < FIRST_FRAME_RUNS; i++) {
      const { tmux, pane, firstFrameMs } = await launch(monitor, `${monitor.key}-start`);
      try {
        times.push(firstFrameMs);
        await tmux.stop(pane, 'q');
      } finally {
        tmux.close();
      }
    }
    frames.set(monitor.key, median(times));
  }
  return frames;
}

const cpuMs = (cpu: ProcCpu) => cpu.selfMs + cpu.childrenMs;

interface Window {
  processes: number;
  figures: Level['figures'];
  /** Each program's wait for a core over the window, ms per second. */
  waits: Partial<Record<ProgramKey, number>>;
  /** CPU the programs and their servers used together, ms per second. */
  busyMsPerSecond: number;
}

/** `list` at once, each in a tmux server of its own, over one window. */
async function measureWindow(list: Monitor[], frames: Map<ProgramKey, number>): Promise<Window> {
  const running: Running[] = [];
  try {
    for (const monitor of list) {
      const { tmux, pane } = await launch(monitor, monitor.key);
      running.push({ monitor, tmux, pane });
    }
    await sleep(settings.warmup * 1000);
    const read = () =>
      running.map(({ tmux, pane }) => {
        const server = tmux.serverPid;
        return { program: readCpu(pane.process.pid), wait: readRunQueueWaitMs(pane.process.pid), server: server === null ? null : readCpu(server) };
      });
    const processes = countProcesses();
    const before = read();
    const opened = performance.now();
    await sleep(settings.compareSeconds * 1000);
    const after = read();
    const seconds = (performance.now() - opened) / 1000;
    const window: Window = { processes, figures: {}, waits: {}, busyMsPerSecond: 0 };
    running.forEach(({ monitor, pane }, i) => {
      const [b, a] = [before[i]!, after[i]!];
      if (!b.program || !a.program) throw new Error(`${monitor.key} ended during the measuring window`);
      // The server is one thread whose one child (the program) is reaped only after the window:
      // its schedstat (ns) is all its CPU, where stat's 10 ms ticks would round 40 s of it to a few.
      const tmuxCpuMs = b.server && a.server ? a.server.schedMs - b.server.schedMs : null;
      const written = a.program.written - b.program.written;
      const f: Figures = {
        cpuMsPerSecond: (cpuMs(a.program) - cpuMs(b.program)) / seconds,
        peakRss: readMemory(pane.process.pid)?.peakRss ?? null,
        tmuxCpuMs,
        bytesPerRefresh: Number.isFinite(written) ? written / (seconds / REFRESH_SECONDS) : null,
        firstFrameMs: frames.get(monitor.key) ?? null,
      };
      window.figures[monitor.key] = f;
      if (a.wait !== null && b.wait !== null) window.waits[monitor.key] = (a.wait - b.wait) / seconds;
      window.busyMsPerSecond += f.cpuMsPerSecond + (tmuxCpuMs ?? 0) / seconds;
    });
    for (const { tmux, pane } of running) await tmux.stop(pane, 'q');
    return window;
  } finally {
    for (const { tmux } of running) tmux.close();
  }
}

/**
 * One row: every program at once, or (`alone`) one after another, each in a window of its own, where
 * together they would want more CPU than the machine has and hold one another back.
 */
async function measureLevel(list: Monitor[], extra: number, alone: boolean, print: (line: string) => void): Promise<Level> {
  const frames = await firstFrames(list);
  const windows = alone ? await sequence(list.map((monitor) => () => measureWindow([monitor], frames))) : [await measureWindow(list, frames)];
  const figures = Object.assign({}, ...windows.map((w) => w.figures)) as Level['figures'];
  const waits = Object.assign({}, ...windows.map((w) => w.waits)) as Window['waits'];
  const busy = Math.max(...windows.map((w) => w.busyMsPerSecond));
  const [load] = os.loadavg();
  print(
    `(${extra === 0 ? 'machine' : `+${extra}`}: ${windows[0]!.processes} processes, ${alone ? 'each program alone' : 'all at once'}, load average ${fixed(load, 2)}; ` +
      `the programs and their servers used ${fixed(busy / 10, 0)} % of a core${alone ? ' at most' : ' together'}; ` +
      `waited for a core, ms/s: ${list.map((m) => `${m.key} ${fixed(waits[m.key], 1)}`).join(', ')})`,
  );
  const cores = os.availableParallelism();
  if (busy / 1000 > cores * SATURATED || (load ?? 0) > cores) {
    print(
      `!! the machine was short of CPU (load average ${fixed(load, 1)} on ${cores} cores): a program that waited for a core did fewer refreshes, so its CPU per second is low`,
    );
  }
  return { extra, processes: windows[0]!.processes, windowSeconds: settings.compareSeconds, alone, figures };
}

async function sequence<T>(steps: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  for (const step of steps) results.push(await step());
  return results;
}

export default async function bench(print: (line: string) => void, flags: readonly string[] = []): Promise<void> {
  const have = { htop: ensureInstalled('htop', print), btop: ensureInstalled('btop', print) };
  const wanted = settings.compareScale > 0 ? settings.compareScale : flags.includes('--scale') ? SCALE_DEFAULT : 0;
  const limits = processLimits();
  const scale = Math.min(wanted, limits.headroom);
  if (scale < wanted) print(`!! only ${scale} extra processes fit (bound by ${limits.bound}), not ${wanted}`);
  const steps = [0];
  if (settings.idle > 0) steps.push(settings.idle);
  if (scale > settings.idle) steps.push(scale);

  print(`Each program in a ${SIZE.width}×${SIZE.height} tmux session of its own tmux server (tmux -L), refreshing once a second,`);
  print(
    `all at once (from +${ALONE_FROM} one at a time) for a ${settings.compareSeconds} s window opened ${settings.warmup} s after the last one's first frame`,
  );
  print(`(POOLTOP_BENCH_COMPARE_SECONDS, POOLTOP_BENCH_WARMUP), at ${steps.map((extra) => (extra === 0 ? 'the machine' : `+${extra}`)).join(', ')}:`);
  print('  CPU ms per second   utime+stime+cutime+cstime of /proc/PID/stat over the window (threads and reaped children)');
  print('  peak RSS            VmHWM at the end of each window, lowest–highest over the rows');
  print("  the terminal's CPU  the program's own tmux server over the window (its schedstat)");
  print('  bytes per refresh   wchar of /proc/PID/io over the window ÷ refreshes');
  print(`  first full frame    each program started alone before the window, median of ${FIRST_FRAME_RUNS}: tmux new-session to a full frame in capture-pane`);
  print(`  --version           median of ${VERSION_RUNS} runs (top: -V), after the windows, the idle processes stopped`);

  const root = mkdtempSync(join(tmpdir(), 'pooltop-bench-compare-'));
  const groups: IdleProcesses[] = [];
  const levels: Level[] = [];
  try {
    const list = monitors(root, have);
    let started = 0;
    for (const extra of steps) {
      if (extra > started) {
        const t0 = performance.now();
        groups.push(await startIdleProcesses(extra - started));
        started = extra;
        print(`(started ${extra} idle processes in ${fixed((performance.now() - t0) / 1000, 1)} s; ${countProcesses()} in /proc)`);
      }
      levels.push(await measureLevel(list, extra, extra >= ALONE_FROM, print));
    }
    let left = 0;
    for (const group of groups.splice(0).reverse()) left += await group.stop();
    if (started > 0) print(`(stopped the idle processes: ${left} remain in /proc)`);

    const versionMs: Comparison['versionMs'] = {};
    for (const monitor of list) if (monitor.key !== 'pooltop-all') versionMs[monitor.key] = medianWallMs(monitor.versionArgv, VERSION_RUNS);
    const comparison: Comparison = { titles: Object.fromEntries(list.map((m) => [m.key, m.title])), levels, versionMs };

    print('');
    print(
      `${new Date().toISOString().slice(0, 10)}, ${os.availableParallelism()} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}:`,
    );
    print('');
    for (const line of comparisonTable(comparison)) print(line);
    print('');
    for (const line of formatVerdicts(judgeGoals(comparison))) print(line);
    print('(key press to screen: `npm run bench -- keys` and `-- scale`)');
  } finally {
    for (const group of groups.reverse()) await group.stop();
    rmSync(root, { recursive: true, force: true });
  }
}
