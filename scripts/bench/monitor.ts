// The monitor's own cost at a 1 Hz refresh, next to htop on the same processes in the same run:
// CPU per refresh, peak memory and start-up to the first full frame, with the machine's own
// processes and with thousands of extra idle ones, with the default columns and with the same 20
// columns in both, with user threads hidden and shown (H); plus `pooltop --version` wall time.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { settings } from './lib/bench-settings.js';
import { ensureInstalled } from './lib/ensure-installed.js';
import { fixed, formatTable, mebibytes } from './lib/format-table.js';
import { htopLikeFrame } from './lib/full-frame.js';
import { startIdleProcesses } from './lib/idle-processes.js';
import { countProcesses, type ProcCpu, type ProcMemory, readCpu, readMemory } from './lib/proc-stat.js';
import { type Pane, TmuxServer } from './lib/tmux-server.js';
import { medianWallMs } from './lib/wall-time.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'pooltop');
const SIZE = { width: 160, height: 50 };
/** `-d 10`: one refresh a second, for both programs. */
const DELAY_TENTHS = 10;
const REFRESH_SECONDS = DELAY_TENTHS / 10;

export interface Program {
  name: string;
  argv: string[];
  env?: Record<string, string>;
  quitKeys: string[];
  /** Its first full frame; by default pooltop's and htop's (titles, a row, the key bar). */
  ready?: (screen: string) => boolean;
}

export interface Result {
  name: string;
  startupMs: number | null;
  startupCpuMs: number | null;
  windowMs: number;
  cpu: ProcCpu;
  memory: ProcMemory | null;
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
export async function runTogether(programs: Program[], seconds: number): Promise<Result[]> {
  const tmux = new TmuxServer();
  const panes: { program: Program; pane: Pane; startupMs: number | null; startupCpuMs: number | null }[] = [];
  try {
    for (const program of programs) {
      const pane = tmux.start(program.name.replace(/\W+/g, '-'), program.argv, SIZE, program.env);
      const startupMs = await tmux.waitForScreen(pane, program.ready ?? htopLikeFrame);
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

/**
 * The terminal's side: each program in a tmux server of its own, all at once over the same window,
 * so each server's CPU is what drawing that program's output cost it; with the bytes written.
 */
async function terminalCost(programs: Program[], seconds: number): Promise<string[][]> {
  const servers = programs.map(() => new TmuxServer());
  try {
    const panes: Pane[] = [];
    for (const [i, program] of programs.entries()) {
      const pane = servers[i]!.start(program.name.replace(/\W+/g, '-'), program.argv, SIZE, program.env);
      if ((await servers[i]!.waitForScreen(pane, program.ready ?? htopLikeFrame)) === null) throw new Error(`${program.name} showed no full frame within 20 s`);
      panes.push(pane);
    }
    await sleep(settings.warmup * 1000);
    const look = () => panes.map((pane, i) => ({ program: readCpu(pane.process.pid), server: readCpu(servers[i]!.serverPid ?? 0) }));
    const before = look();
    const opened = performance.now();
    await sleep(seconds * 1000);
    const after = look();
    const refreshes = (performance.now() - opened) / 1000 / REFRESH_SECONDS;
    const table = programs.map((program, i) => {
      const [b, a] = [before[i]!, after[i]!];
      if (!b.program || !a.program || !b.server || !a.server) throw new Error(`${program.name} or its tmux server ended during the window`);
      const server = cpuDelta(b.server, a.server);
      return [
        program.name,
        fixed(cpuDelta(b.program, a.program).written / refreshes / 1024, 2),
        fixed(server.schedMs, 1),
        fixed(server.schedMs / refreshes, 2),
      ];
    });
    for (const [i, program] of programs.entries()) await servers[i]!.stop(panes[i]!, ...program.quitKeys);
    return table;
  } finally {
    for (const server of servers) server.close();
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

/** The same 20 columns in both: pooltop's IDs, and htop's field numbers as its htoprc writes them (its enum less one). */
const TWENTY_COLUMNS = [
  'pid',
  'ppid',
  'pgrp',
  'sid',
  'tty',
  'tpgid',
  'user',
  'pri',
  'ni',
  'virt',
  'res',
  'shr',
  'state',
  'cpu',
  'mem',
  'time',
  'nlwp',
  'minflt',
  'majflt',
  'command',
];
const TWENTY_HTOP_FIELDS = '0 3 4 5 6 7 48 17 18 38 39 40 2 46 47 49 50 9 11 1';
const TWENTY = ' 20 columns';

function ratios(label: string, results: Result[], names: { pooltop: Program; htop: Program }): string | null {
  const ours = results.find((r) => r.name === names.pooltop.name);
  const theirs = results.find((r) => r.name === names.htop.name);
  if (!ours || !theirs) return null;
  const cpu = (r: Result) => r.cpu.selfMs + r.cpu.childrenMs;
  const times = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined && b > 0 ? `${(a / b).toFixed(1)}×` : '-');
  return (
    `${label}: pooltop ÷ htop = CPU ${times(cpu(ours), cpu(theirs))} (sched ${times(ours.cpu.schedMs, theirs.cpu.schedMs)}), ` +
    `peak RSS ${times(ours.memory?.peakRss, theirs.memory?.peakRss)}, ` +
    `start-up ${times(ours.startupMs ?? undefined, theirs.startupMs ?? undefined)}`
  );
}

export default async function bench(print: (line: string) => void): Promise<void> {
  const withHtop = ensureInstalled('htop', print);
  const rcDir = mkdtempSync(join(tmpdir(), 'pooltop-bench-htop-'));
  /**
   * pooltop and htop with user threads hidden or shown, kernel threads hidden, each told so in a
   * settings file of its own: htop's default for threads changed between versions (3.2 shows
   * them), and a saved tree view or sort from someone's own use must not change what is measured.
   */
  const pair = (threads: boolean): { pooltop: Program; htop: Program } => {
    const tag = threads ? 'threads' : 'plain';
    const config = join(rcDir, `pooltop-${tag}`);
    mkdirSync(join(config, 'pooltop'), { recursive: true, mode: 0o700 });
    writeFileSync(join(config, 'pooltop', 'config.json'), JSON.stringify({ hideKernelThreads: true, hideUserlandThreads: !threads }), { mode: 0o600 });
    // HTOPRC: htop reads and writes its settings there instead of the user's ~/.config/htop/htoprc.
    const htoprc = join(rcDir, `htoprc-${tag}`);
    writeFileSync(htoprc, `hide_kernel_threads=1\nhide_userland_threads=${threads ? 0 : 1}\n`);
    const suffix = threads ? ' H' : '';
    return {
      pooltop: { name: `pooltop${suffix}`, argv: [BIN, '-d', String(DELAY_TENTHS)], env: { XDG_CONFIG_HOME: config }, quitKeys: ['q'] },
      htop: { name: `htop${suffix}`, argv: ['htop', '-d', String(DELAY_TENTHS)], env: { HTOPRC: htoprc }, quitKeys: ['q'] },
    };
  };
  const plain = pair(false);
  const threaded = pair(true);
  const pooltop = plain.pooltop;
  const psList: Program = { ...pooltop, name: 'pooltop --source ps-list', argv: [...pooltop.argv, '--source', 'ps-list'] };
  // The 20 columns: the plain pair's settings plus the columns, each in a settings file of its own.
  mkdirSync(join(rcDir, 'pooltop20-config', 'pooltop'), { recursive: true, mode: 0o700 });
  writeFileSync(
    join(rcDir, 'pooltop20-config', 'pooltop', 'config.json'),
    JSON.stringify({ hideKernelThreads: true, hideUserlandThreads: true, columns: TWENTY_COLUMNS }),
  );
  writeFileSync(join(rcDir, 'htoprc20'), `hide_kernel_threads=1\nhide_userland_threads=1\nfields=${TWENTY_HTOP_FIELDS}\n`);
  const twenty = {
    pooltop: { ...plain.pooltop, name: `pooltop${TWENTY}`, env: { XDG_CONFIG_HOME: join(rcDir, 'pooltop20-config') } },
    htop: { ...plain.htop, name: `htop${TWENTY}`, env: { HTOPRC: join(rcDir, 'htoprc20') } },
  };
  const programs = withHtop ? [plain.pooltop, plain.htop, twenty.pooltop, twenty.htop] : [plain.pooltop, twenty.pooltop];
  const threadPrograms = withHtop ? [threaded.pooltop, threaded.htop] : [threaded.pooltop];

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
  print('The ps-list row is a separate, shorter window of pooltop alone. "H": user threads shown (a row');
  print(`each, read from /proc/PID/task/TID), in a window of their own; ${settings.threadSeconds} s (POOLTOP_BENCH_THREAD_SECONDS, 0 skips).`);

  const table: string[][] = [];
  const summary: string[] = [];
  /** The terminal's cost at the machine's processes: pooltop and htop, each in a tmux server of its own. */
  const terminal: string[][] = [];
  try {
    const measure = async (label: string) => {
      const processes = countProcesses();
      const results = await runTogether(programs, settings.seconds);
      table.push(...rows(label, processes, results));
      for (const [suffix, names] of [
        ['', plain],
        [TWENTY, twenty],
      ] as const) {
        const ratio = ratios(`${label}${suffix}`, results, names);
        if (ratio) summary.push(ratio);
      }
      if (settings.threadSeconds > 0) {
        const withThreads = await runTogether(threadPrograms, settings.threadSeconds);
        table.push(...rows(label, countProcesses(), withThreads));
        const threadRatio = ratios(`${label}, threads shown`, withThreads, threaded);
        if (threadRatio) summary.push(threadRatio);
      }
      if (settings.psListSeconds > 0) table.push(...rows(label, countProcesses(), await runTogether([psList], settings.psListSeconds)));
    };

    await measure('machine');
    if (withHtop) terminal.push(...(await terminalCost([plain.pooltop, plain.htop], settings.seconds)));
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

  if (terminal.length > 0) {
    print('');
    print(`The terminal's side, machine: pooltop and htop each in a tmux server of its own, at once, ${settings.seconds} s`);
    print("(tmux server = the server's CPU from its schedstat, drawing that program's output):");
    for (const line of formatTable(['program', 'out KiB/ref', 'tmux server ms', 'tmux ms/ref'], terminal)) print(line);
    const [ours, theirs] = terminal;
    const ratio = (column: number) => (Number(theirs![column]) > 0 ? `${(Number(ours![column]) / Number(theirs![column])).toFixed(2)}×` : '-');
    print(`pooltop ÷ htop: bytes per refresh ${ratio(1)}, the tmux server's CPU ${ratio(2)}`);
  }

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
