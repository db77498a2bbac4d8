// pooltop at scale: with the machine's own processes, 2,000 and 10,000 extra idle ones, at -d 10
// and -d 2 in a 160×50 tmux terminal — the refresh it actually achieves (frames timestamped as
// they are written), how fast a key shows on screen, CPU per refresh and peak RSS.
// Run by `npm run bench -- scale`; POOLTOP_BENCH_SCALE sets the top count (10000),
// POOLTOP_BENCH_IDLE the middle one (2000), POOLTOP_BENCH_SCALE_SECONDS the window (15).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { plain, selectedRows } from '../../test/e2e/monitor-screen.js';
import { settings } from './lib/bench-settings.js';
import { fixed, formatTable, mebibytes } from './lib/format-table.js';
import { checkFrame } from './lib/frame-check.js';
import { FrameClock } from './lib/frame-clock.js';
import { type IdleProcesses, startIdleProcesses } from './lib/idle-processes.js';
import { median } from './lib/median.js';
import { processLimits } from './lib/process-limits.js';
import { countProcesses, readCpu, readMemory } from './lib/proc-stat.js';
import { type Pane, TmuxServer } from './lib/tmux-server.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'pooltop');
const SIZE = { width: 160, height: 50 };
const DELAYS = [10, 2];
const TARGET = Math.round(Number(process.env.POOLTOP_BENCH_SCALE ?? 10_000));
/** The measuring window of each run, seconds. */
const WINDOW_SECONDS = Number(process.env.POOLTOP_BENCH_SCALE_SECONDS ?? 15);
const WARMUP_MS = 2000;
/** Key presses timed per key and run. */
const PRESSES = 10;
/** A key counts as answered once its effect is on screen; longer than this is a miss. */
const KEY_TIMEOUT_MS = 5000;

interface Run {
  label: string;
  processes: number;
  delay: number;
  startupMs: number | null;
  /** Frames written in the window, per second. */
  framesPerSecond: number;
  medianIntervalMs: number;
  maxIntervalMs: number;
  cpuMsPerFrame: number;
  cpuPercent: number;
  down: number[];
  search: number[];
  peakRss: number | null;
  /** What frame-check found wrong with the screen at the end of the window (empty: a correct frame). */
  frameProblems: string[];
}

/** A full frame: the column titles, a process row under them, and the key bar. */
function fullFrame(screen: string): boolean {
  const lines = screen.split('\n');
  const titles = lines.findIndex((line) => /^\s*PID\b.*\bCommand\b/.test(line));
  return titles >= 0 && /^\s*\d+\s/.test(lines[titles + 1] ?? '') && lines.some((line) => /^F1Help/.test(line));
}

function captureColors(tmux: TmuxServer, pane: Pane): string {
  const result = spawnSync('tmux', ['-L', tmux.socket, 'capture-pane', '-p', '-e', '-t', pane.session], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout : '';
}

/** Polls the screen as fast as tmux answers until `done` holds; ms from `since`, or null on timeout. */
async function until(tmux: TmuxServer, pane: Pane, since: number, done: (capture: string) => boolean, colors = false): Promise<number | null> {
  while (performance.now() - since < KEY_TIMEOUT_MS) {
    const capture = colors ? captureColors(tmux, pane) : tmux.capture(pane);
    if (done(capture)) return performance.now() - since;
    await sleep(2);
  }
  return null;
}

const selectedPid = (capture: string): number | null => {
  const rows = selectedRows(capture);
  return rows.length === 1 ? rows[0]!.pid : null;
};

/**
 * Key response: `Down` (the highlighted row changes; read from the colours) and `/` (the search
 * prompt appears; Escape closes it, untimed). Each press waits a random part of a refresh first,
 * so presses land at every point of the sampling cycle, during samples too.
 */
async function timeKeys(tmux: TmuxServer, pane: Pane, delayMs: number): Promise<{ down: number[]; search: number[] }> {
  const down: number[] = [];
  const search: number[] = [];
  tmux.sendKeys(pane, 'Home');
  await until(tmux, pane, performance.now(), (c) => selectedPid(c) !== null, true);
  for (let i = 0; i < PRESSES; i++) {
    if (i % 20 === 19) tmux.sendKeys(pane, 'Home');
    await sleep(Math.random() * delayMs);
    const before = selectedPid(captureColors(tmux, pane));
    const sent = performance.now();
    tmux.sendKeys(pane, 'Down');
    const ms = await until(
      tmux,
      pane,
      sent,
      (c) => {
        const now = selectedPid(c);
        return now !== null && now !== before;
      },
      true,
    );
    down.push(ms ?? Number.POSITIVE_INFINITY);
  }
  for (let i = 0; i < PRESSES; i++) {
    await sleep(Math.random() * delayMs);
    const sent = performance.now();
    tmux.sendKeys(pane, '/');
    const ms = await until(tmux, pane, sent, (c) => /^Search: /m.test(plain(c)));
    search.push(ms ?? Number.POSITIVE_INFINITY);
    tmux.sendKeys(pane, 'Escape');
    await until(tmux, pane, performance.now(), (c) => /^F1Help/m.test(c) && !/^Search: /m.test(c));
  }
  return { down, search };
}

async function measure(label: string, delay: number, configDir: string): Promise<Run> {
  const tmux = new TmuxServer();
  let clock: FrameClock | null = null;
  try {
    const processes = countProcesses();
    // Sorted by PID the rows hold still, so a Down is seen as the highlight moving to the next PID.
    const pane = tmux.start('scale', [process.execPath, BIN, '-d', String(delay), '-s', 'pid'], SIZE, { XDG_CONFIG_HOME: configDir });
    const startupMs = await tmux.waitForScreen(pane, fullFrame, 60_000);
    if (startupMs === null) throw new Error(`${label} -d ${delay}: no full frame within 60 s; screen: ${tmux.capture(pane).trim().slice(0, 400)}`);
    clock = FrameClock.attach(tmux.socket, pane.session);
    await sleep(WARMUP_MS);
    const before = readCpu(pane.process.pid);
    const opened = performance.now();
    await sleep(WINDOW_SECONDS * 1000);
    const closed = performance.now();
    const after = readCpu(pane.process.pid);
    if (!before || !after) throw new Error(`${label} -d ${delay}: pooltop ended during the window`);
    const { problems: frameProblems } = checkFrame(tmux.capture(pane), { columns: SIZE.width, rows: SIZE.height }, { cores: os.cpus().length });
    const frames = clock.between(opened, closed);
    const intervals = frames.slice(1).map((t, i) => t - frames[i]!);
    const cpuMs = after.selfMs + after.childrenMs - before.selfMs - before.childrenMs;
    const keys = await timeKeys(tmux, pane, delay * 100);
    const memory = readMemory(pane.process.pid);
    await tmux.stop(pane, 'q');
    return {
      label,
      processes,
      delay,
      startupMs,
      framesPerSecond: frames.length / ((closed - opened) / 1000),
      medianIntervalMs: median(intervals),
      maxIntervalMs: intervals.length > 0 ? Math.max(...intervals) : Number.NaN,
      cpuMsPerFrame: frames.length > 0 ? cpuMs / frames.length : Number.NaN,
      cpuPercent: (cpuMs / (closed - opened)) * 100,
      down: keys.down,
      search: keys.search,
      peakRss: memory?.peakRss ?? null,
      frameProblems,
    };
  } finally {
    clock?.close();
    tmux.close();
  }
}

function keyCells(times: number[]): string[] {
  const answered = times.filter(Number.isFinite);
  const missed = times.length - answered.length;
  return [fixed(median(answered), 0), `${fixed(answered.length > 0 ? Math.max(...answered) : Number.NaN, 0)}${missed > 0 ? ` (${missed} >5s)` : ''}`];
}

export default async function bench(print: (line: string) => void): Promise<void> {
  const limits = processLimits();
  const top = Math.min(TARGET, limits.headroom);
  print(
    `Limits: pid_max ${limits.pidMax}, threads-max ${limits.threadsMax}, ulimit -u ${limits.nproc}${process.getuid?.() === 0 ? ' (root: not enforced)' : ''}, ` +
      `pids cgroup ${limits.cgroupPids}, ${limits.threadsNow} threads now, ${mebibytes(limits.memAvailable)} available`,
  );
  print(
    top < TARGET
      ? `!! only ${top} extra processes fit (bound by ${limits.bound}), not ${TARGET}: the top row is at ${top}.`
      : `Room for ${limits.headroom} more processes (bound by ${limits.bound}): ${TARGET} will be started.`,
  );
  print(
    `pooltop -d 10 and -d 2 -s pid, alone in a ${SIZE.width}×${SIZE.height} tmux terminal; a ${WINDOW_SECONDS} s window ${WARMUP_MS / 1000} s after the first full frame:`,
  );
  print('  frames/s    frames written per second (each ESC [?2026h Ink writes, read through tmux pipe-pane): the refresh achieved');
  print('  interval    median and longest time between two frames, ms');
  print("  CPU/frame   pooltop's utime+stime+cutime+cstime over the window ÷ frames, ms; CPU % of one core");
  print(
    `  Down, /     ms from tmux send-keys until capture-pane shows the effect (the highlight moves; the search prompt), ${PRESSES} presses each, median and max`,
  );
  print('  peak RSS    VmHWM at the end of the run (after the key presses)');
  print('  frame       the screen at the end of the window checked line by line (frame-check.ts)');

  const configDir = mkdtempSync(join(tmpdir(), 'pooltop-bench-scale-'));
  const runs: Run[] = [];
  const groups: IdleProcesses[] = [];
  try {
    // The middle step is the other sections' "many processes" count (POOLTOP_BENCH_IDLE, 2,000).
    const steps = [...new Set([0, Math.min(settings.idle, top), top])];
    let started = 0;
    for (const extra of steps) {
      const label = extra === 0 ? 'machine' : `+${extra.toLocaleString('en')}`;
      if (extra > started) {
        const t0 = performance.now();
        groups.push(await startIdleProcesses(extra - started));
        started = extra;
        const alive = groups.reduce((n, g) => n + g.countAlive(), 0);
        print(`(${label}: started ${extra} idle processes in ${fixed((performance.now() - t0) / 1000, 1)} s; ${alive} alive; ${countProcesses()} in /proc)`);
      }
      for (const delay of DELAYS) runs.push(await measure(label, delay, configDir));
    }
  } finally {
    let left = 0;
    for (const group of groups.reverse()) left += await group.stop();
    print(`(stopped the idle processes: ${left} remain in /proc)`);
    rmSync(configDir, { recursive: true, force: true });
  }

  print('');
  const header = [
    'processes',
    'seen',
    '-d',
    'target/s',
    'frames/s',
    'interval',
    'max',
    'CPU/frame',
    'CPU %',
    'Down med',
    'Down max',
    '/ med',
    '/ max',
    'start-up ms',
    'peak RSS',
    'frame',
  ];
  const rows = runs.map((r) => [
    r.label,
    String(r.processes),
    String(r.delay),
    fixed(10 / r.delay, 1),
    fixed(r.framesPerSecond, 2),
    fixed(r.medianIntervalMs, 0),
    fixed(r.maxIntervalMs, 0),
    fixed(r.cpuMsPerFrame, 1),
    fixed(r.cpuPercent, 1),
    ...keyCells(r.down),
    ...keyCells(r.search),
    fixed(r.startupMs, 0),
    mebibytes(r.peakRss),
    r.frameProblems.length === 0 ? 'ok' : `${r.frameProblems.length} wrong`,
  ]);
  for (const line of formatTable(header, rows)) print(line);
  for (const r of runs.filter((run) => run.frameProblems.length > 0)) print(`!! ${r.label} -d ${r.delay}: ${r.frameProblems.slice(0, 3).join('; ')}`);
  const slow = runs.filter((r) => median(r.down.filter(Number.isFinite)) > 100 || median(r.search.filter(Number.isFinite)) > 100);
  print('');
  print(
    slow.length === 0
      ? 'Key response: every median within the 100 ms target.'
      : `Key response over the 100 ms target (median): ${slow.map((r) => `${r.label} -d ${r.delay}`).join(', ')}.`,
  );
}
