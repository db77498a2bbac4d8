// The monitor's own cost at a 1 Hz refresh, next to htop on the same processes in the same run:
// CPU per refresh, peak memory and start-up to the first full frame, with the machine's own
// processes and with thousands of extra idle ones; plus `pooltop --version` wall time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { settings } from './lib/bench-settings.js';
import { ensureHtop } from './lib/ensure-htop.js';
import { fixed, formatTable, mebibytes } from './lib/format-table.js';
import { startIdleProcesses } from './lib/idle-processes.js';
import { median } from './lib/median.js';
import { countProcesses, type ProcCpu, type ProcMemory, readCpu, readMemory } from './lib/proc-stat.js';
import { type Pane, TmuxServer } from './lib/tmux-server.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'pooltop');
const SIZE = { width: 160, height: 50 };
/** `-d 10`: one refresh a second, for both programs. */
const DELAY_TENTHS = 10;
const REFRESH_SECONDS = DELAY_TENTHS / 10;

interface Program {
  name: string;
  argv: string[];
  env?: Record<string, string>;
  quitKeys: string[];
}

interface Result {
  name: string;
  startupMs: number | null;
  startupCpuMs: number | null;
  windowMs: number;
  cpu: ProcCpu;
  memory: ProcMemory | null;
}

/** A full frame: the column titles, at least one process row under them, and the key bar. */
function fullFrame(screen: string): boolean {
  const lines = screen.split('\n');
  const titles = lines.findIndex((line) => /\bPID\b.*\bCommand\b/.test(line));
  return titles >= 0 && /^\s*\d+\s/.test(lines[titles + 1] ?? '') && lines.some((line) => /F1\s*Help/.test(line) && /F10\s*Quit/.test(line));
}

function cpuDelta(before: ProcCpu, after: ProcCpu): ProcCpu {
  return {
    selfMs: after.selfMs - before.selfMs,
    childrenMs: after.childrenMs - before.childrenMs,
    schedMs: after.schedMs - before.schedMs,
    written: after.written - before.written,
  };
}

/**
 * Starts every program in its own session (one after the other, so each start-up is timed alone),
 * lets them warm up, then measures their CPU over the same window.
 */
async function runTogether(programs: Program[], seconds: number): Promise<Result[]> {
  const tmux = new TmuxServer();
  const panes: { program: Program; pane: Pane; startupMs: number | null; startupCpuMs: number | null }[] = [];
  try {
    for (const program of programs) {
      const pane = tmux.start(program.name.replace(/\W+/g, '-'), program.argv, SIZE, program.env);
      const startupMs = await tmux.waitForScreen(pane, fullFrame);
      const cpu = readCpu(pane.process.pid);
      panes.push({ program, pane, startupMs, startupCpuMs: cpu ? cpu.selfMs + cpu.childrenMs : null });
      if (startupMs === null) {
        const screen = tmux.capture(pane).trim().split('\n').slice(-5).join(' | ');
        throw new Error(`${program.name} showed no full frame within 20 s; screen: ${screen || '(gone)'}`);
      }
    }
    await sleep(settings.warmup * 1000);
    const before = panes.map(({ pane }) => readCpu(pane.process.pid));
    const opened = performance.now();
    await sleep(seconds * 1000);
    const after = panes.map(({ pane }) => readCpu(pane.process.pid));
    const windowMs = performance.now() - opened;
    const memory = panes.map(({ pane }) => readMemory(pane.process.pid));
    const results = panes.map(({ program, startupMs, startupCpuMs }, i): Result => {
      const [b, a] = [before[i], after[i]];
      if (!b || !a) throw new Error(`${program.name} ended during the measuring window`);
      return { name: program.name, startupMs, startupCpuMs, windowMs, cpu: cpuDelta(b, a), memory: memory[i] ?? null };
    });
    for (const { program, pane } of panes) await tmux.stop(pane, ...program.quitKeys);
    return results;
  } finally {
    tmux.close();
  }
}

function rows(label: string, processes: number, results: Result[]): string[][] {
  return results.map((r) => {
    const refreshes = r.windowMs / 1000 / REFRESH_SECONDS;
    const cpuMs = r.cpu.selfMs + r.cpu.childrenMs;
    return [
      label,
      r.name,
      String(processes),
      fixed(r.startupMs, 0),
      fixed(r.startupCpuMs, 0),
      fixed(cpuMs / refreshes, 1),
      fixed(r.cpu.schedMs / refreshes, 2),
      fixed((cpuMs / r.windowMs) * 100, 1),
      fixed(r.cpu.written / refreshes / 1024, 1),
      mebibytes(r.memory?.peakRss),
      mebibytes(r.memory?.rss),
    ];
  });
}

function ratios(label: string, results: Result[]): string | null {
  const ours = results.find((r) => r.name === 'pooltop');
  const theirs = results.find((r) => r.name === 'htop');
  if (!ours || !theirs) return null;
  const cpu = (r: Result) => r.cpu.selfMs + r.cpu.childrenMs;
  const times = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined && b > 0 ? `${(a / b).toFixed(1)}×` : '-');
  return (
    `${label}: pooltop ÷ htop = CPU ${times(cpu(ours), cpu(theirs))} (sched ${times(ours.cpu.schedMs, theirs.cpu.schedMs)}), ` +
    `peak RSS ${times(ours.memory?.peakRss, theirs.memory?.peakRss)}, ` +
    `start-up ${times(ours.startupMs ?? undefined, theirs.startupMs ?? undefined)}`
  );
}

function medianWallMs(argv: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = spawnSync(argv[0]!, argv.slice(1), { stdio: 'ignore' });
    times.push(performance.now() - start);
    if (result.status !== 0) throw new Error(`${argv.join(' ')} exited with ${result.status ?? result.signal}`);
  }
  return median(times);
}

export default async function bench(print: (line: string) => void): Promise<void> {
  const withHtop = ensureHtop(print);
  const rcDir = mkdtempSync(join(tmpdir(), 'pooltop-bench-htop-'));
  // A private settings folder: a saved tree view or sort from someone's own use must not change what is measured.
  const pooltop: Program = {
    name: 'pooltop',
    argv: [BIN, '-d', String(DELAY_TENTHS)],
    env: { XDG_CONFIG_HOME: join(rcDir, 'pooltop-config') },
    quitKeys: ['q'],
  };
  // HTOPRC: htop reads and writes its settings there instead of the user's ~/.config/htop/htoprc.
  const htop: Program = { name: 'htop', argv: ['htop', '-d', String(DELAY_TENTHS)], env: { HTOPRC: join(rcDir, 'htoprc') }, quitKeys: ['q'] };
  const psList: Program = { ...pooltop, name: 'pooltop --source ps-list', argv: [...pooltop.argv, '--source', 'ps-list'] };
  const programs = withHtop ? [pooltop, htop] : [pooltop];

  print(`Each program runs with -d ${DELAY_TENTHS} (1 refresh/s) in its own tmux session at ${SIZE.width}×${SIZE.height}, all at once,`);
  print(`for a ${settings.seconds} s window opened ${settings.warmup} s after start-up. From /proc/[pid]/stat:`);
  print('  start-up ms  from asking tmux for the session to the first full frame on screen (titles, a row, key bar)');
  print('  start CPU    CPU ms the program used up to that first frame');
  print('  CPU/refresh  (utime+stime+cutime+cstime over the window) ÷ refreshes; 10 ms ticks');
  print("  sched/ref    the same from the threads' schedstat (ns resolution; live threads, no children)");
  print('  CPU %        of one core over the window');
  print('  out KiB/ref  bytes written per refresh (wchar of /proc/[pid]/io): its screen output, plus what');
  print('               children it waited for wrote (`ps` into its pipe, for --source ps-list)');
  print('  peak RSS     VmHWM at the end of the window; RSS = VmRSS then');
  print('The ps-list row is a separate, shorter window of pooltop alone.');

  const table: string[][] = [];
  const summary: string[] = [];
  try {
    const measure = async (label: string) => {
      const processes = countProcesses();
      const results = await runTogether(programs, settings.seconds);
      table.push(...rows(label, processes, results));
      const ratio = ratios(label, results);
      if (ratio) summary.push(ratio);
      if (settings.psListSeconds > 0) table.push(...rows(label, countProcesses(), await runTogether([psList], settings.psListSeconds)));
    };

    await measure('machine');
    if (settings.idle > 0) {
      const idle = await startIdleProcesses(settings.idle);
      try {
        print(`(started ${settings.idle} idle processes; /proc shows ${idle.countAlive()} alive)`);
        await measure(`+${settings.idle} idle`);
      } finally {
        print(`(stopped the idle processes: ${await idle.stop()} remain in /proc)`);
      }
    }
  } finally {
    rmSync(rcDir, { recursive: true, force: true });
  }

  print('');
  const header = ['processes', 'program', 'seen', 'start-up ms', 'start CPU', 'CPU/refresh', 'sched/ref', 'CPU %', 'out KiB/ref', 'peak RSS', 'RSS'];
  for (const line of formatTable(header, table)) print(line);
  print('');
  for (const line of summary) print(line);

  print('');
  const runs = 10;
  print(`Wall time of a command, median of ${runs} runs (Node's own start-up for reference):`);
  const versions: string[][] = [
    ['pooltop --version', fixed(medianWallMs([BIN, '--version'], runs), 1)],
    ['node -e 0', fixed(medianWallMs([process.execPath, '-e', '0'], runs), 1)],
  ];
  if (withHtop) versions.push(['htop --version', fixed(medianWallMs(['htop', '--version'], runs), 1)]);
  for (const line of formatTable(['command', 'wall ms'], versions)) print(line);
}
