// The long run (not part of npm test): pooltop at -d 2 in a tmux terminal for half an hour with
// process churn going on, its memory read from /proc every 10 s, then the series and its growth.
//
//   npm run build && node --import tsx scripts/soak.ts [pooltop options, e.g. --pool 2]
//
//   POOLTOP_SOAK_MINUTES        length of the run (default 30)
//   POOLTOP_SOAK_EVERY_SECONDS  time between two samples (default 10)
//   POOLTOP_SOAK_CHURN_LOOPS    churn loops, about 100 short processes a second each (default 1)
//   POOLTOP_SOAK_TREE_SECONDS   tree view is toggled this often, so both views run (default 60; 0 never)
//   POOLTOP_SOAK_SETTINGS       pooltop's settings file for the run, as JSON, e.g. every graph on:
//                               '{"cpuMeter":"graph","graphsPanel":true}' (default: none, the defaults)
//   POOLTOP_SOAK_NODE_FLAGS     flags for pooltop's node, e.g. --max-old-space-size=64: a leak then ends
//                               in an out-of-memory crash, where a heap that is merely collected late stays put
//
// Every sample also checks the screen (frame-check.ts); pooltop quits with q at the end, and
// everything the soak started is stopped by PID on every way out.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { startChurn } from './bench/lib/churn-loops.js';
import { installCleanupHandlers, onCleanup, runCleanups } from './bench/lib/cleanup.js';
import { checkFrame } from './bench/lib/frame-check.js';
import { fixed, formatTable } from './bench/lib/format-table.js';
import { machineFacts } from './bench/lib/machine-facts.js';
import { readCpu } from './bench/lib/proc-stat.js';
import { TmuxServer } from './bench/lib/tmux-server.js';
import { growth, type Point } from './soak/memory-growth.js';
import { descendantsMemory, readProcessMemory, type ProcessMemory } from './soak/process-memory.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'pooltop');
const SIZE = { width: 160, height: 50 };
const MIB = 1024 * 1024;

function setting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, not ${JSON.stringify(raw)}`);
  return value;
}

interface Sample {
  t: number;
  memory: ProcessMemory;
  workers: { count: number; rss: number };
  /** pooltop's CPU over the last interval, % of one core. */
  cpu: number;
  /** Problems of the frame on screen at the sample, if any. */
  problems: string[];
  tree: boolean;
}

const mib = (bytes: number): string => fixed(bytes / MIB, 1);

async function main(): Promise<number> {
  installCleanupHandlers();
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) {
    process.stderr.write('soak: dist/ is missing; run `npm run build` first\n');
    return 2;
  }
  const minutes = setting('POOLTOP_SOAK_MINUTES', 30);
  const every = setting('POOLTOP_SOAK_EVERY_SECONDS', 10);
  const loops = Math.round(setting('POOLTOP_SOAK_CHURN_LOOPS', 1));
  const treeEvery = setting('POOLTOP_SOAK_TREE_SECONDS', 60);
  const nodeFlags = (process.env.POOLTOP_SOAK_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
  // Later options win in pooltop's parser, so a -d given here overrides the soak's -d 2.
  const args = ['-d', '2', ...process.argv.slice(2)];
  const pool = args.includes('--pool');
  const cores = os.cpus().length;
  const print = (line: string) => process.stdout.write(`${line}\n`);

  print('pooltop soak');
  for (const line of machineFacts()) print(`  ${line}`);
  print(
    `  run:       ${nodeFlags.length > 0 ? `node ${nodeFlags.join(' ')} ` : ''}pooltop ${args.join(' ')} at ${SIZE.width}×${SIZE.height} for ${minutes} min, a sample every ${every} s`,
  );
  print(`  churn:     ${loops} loop(s); tree view toggled every ${treeEvery || '∞'} s`);

  // pooltop saves its settings on exit: a private folder keeps the user's own file untouched.
  const configDir = mkdtempSync(join(os.tmpdir(), 'pooltop-soak-'));
  const dropConfig = onCleanup(() => rmSync(configDir, { recursive: true, force: true }));
  const settingsJson = process.env.POOLTOP_SOAK_SETTINGS;
  if (settingsJson) {
    mkdirSync(join(configDir, 'pooltop'), { mode: 0o700 });
    writeFileSync(join(configDir, 'pooltop', 'config.json'), `${JSON.stringify(JSON.parse(settingsJson))}\n`, { mode: 0o600 });
    print(`  settings:  ${settingsJson}`);
  }
  const churn = loops > 0 ? await startChurn({ loops, marker: `soak${process.pid}` }) : null;
  // stop() is async; on an abrupt exit the loops still die with the soak (parent-death signal).
  const tmux = new TmuxServer();
  const samples: Sample[] = [];
  let torn = 0;
  let exitedCleanly = false;
  let leftover = 0;
  try {
    // As a user runs it (bin/pooltop starts node with its own flags), unless flags are asked for.
    const argv = nodeFlags.length > 0 ? [process.execPath, ...nodeFlags, BIN, ...args] : [BIN, ...args];
    const pane = tmux.start('soak', argv, SIZE, { XDG_CONFIG_HOME: configDir });
    // Should pooltop die (an out-of-memory crash), keep the pane and its last words on screen.
    spawnSync('tmux', ['-L', tmux.socket, 'set-option', '-t', 'soak', 'remain-on-exit', 'on'], { stdio: 'ignore' });
    const ready = await tmux.waitForScreen(pane, (s) => checkFrame(s, { columns: SIZE.width, rows: SIZE.height }, { cores, pool }).problems.length === 0);
    if (ready === null) throw new Error(`no correct first frame within 20 s; screen:\n${tmux.capture(pane)}`);
    print(`  pid:       ${pane.process.pid}; first full frame after ${fixed(ready, 0)} ms`);
    print('');
    print(SERIES_HEADER);

    const started = performance.now();
    const end = started + minutes * 60_000;
    let tree = args.includes('-t') || args.includes('--tree');
    let nextToggle = treeEvery > 0 ? started + treeEvery * 1000 : Number.POSITIVE_INFINITY;
    let lastCpu = readCpu(pane.process.pid);
    let shownBad = false;
    let lastAt = performance.now();
    for (let next = started; ; ) {
      const now = performance.now();
      if (now >= nextToggle) {
        tmux.sendKeys(pane, 't');
        tree = !tree;
        nextToggle += treeEvery * 1000;
      }
      if (now >= next) {
        const memory = readProcessMemory(pane.process.pid);
        const cpu = readCpu(pane.process.pid);
        if (!memory || !cpu || !pane.process.alive) {
          const last = tmux
            .capture(pane)
            .split('\n')
            .filter((line) => line.trim() !== '');
          // V8's out-of-memory report: its verdict first, then the native stack under it.
          const fatal = last.findIndex((line) => /FATAL ERROR|Error:/.test(line));
          const shown = fatal >= 0 ? last.slice(Math.max(0, fatal - 4), fatal + 2) : last.slice(-12);
          throw new Error(`pooltop ended after ${fixed((now - started) / 1000, 0)} s; its screen:\n${shown.join('\n')}`);
        }
        // The first sample comes as the loop starts: too short an interval for a CPU figure.
        const cpuPercent =
          lastCpu && now - lastAt > 1000 ? ((cpu.selfMs + cpu.childrenMs - lastCpu.selfMs - lastCpu.childrenMs) / (now - lastAt)) * 100 : Number.NaN;
        lastCpu = cpu;
        lastAt = now;
        const check = (screen: string) => checkFrame(screen, { columns: SIZE.width, rows: SIZE.height }, { cores, pool }).problems;
        let screen = tmux.capture(pane);
        let problems = check(screen);
        // A capture may catch tmux half-way through reading a frame (Ink erases, then writes more
        // than the pty holds): a torn capture is right 50 ms later, a wrong frame stays.
        if (problems.length > 0) {
          await sleep(50);
          screen = tmux.capture(pane);
          problems = check(screen);
          if (problems.length === 0) torn++;
          else if (!shownBad) {
            shownBad = true;
            print(
              screen
                .split('\n')
                .map((line) => `    | ${line}`)
                .join('\n'),
            );
          }
        }
        const sample: Sample = { t: (now - started) / 1000, memory, workers: descendantsMemory(pane.process.pid), cpu: cpuPercent, problems, tree };
        samples.push(sample);
        print(formatRow(sample));
        for (const problem of problems.slice(0, 3)) print(`    ! ${problem}`);
        next += every * 1000;
      }
      if (now >= end) break;
      await sleep(Math.max(10, Math.min(next, nextToggle, end) - performance.now()));
    }
    await tmux.stop(pane, 'q');
    exitedCleanly = !pane.process.alive;
  } finally {
    tmux.close();
    if (churn) leftover = await churn.stop();
    dropConfig();
    rmSync(configDir, { recursive: true, force: true });
  }

  report(print, samples, { exitedCleanly, leftover, churnRate: churn?.forksPerSecond() ?? 0, pool, torn });
  return samples.some((s) => s.problems.length > 0) || !exitedCleanly || leftover > 0 ? 1 : 0;
}

/** The series' columns and their widths: a line is printed per sample, as the run goes. */
const SERIES = [
  ['t s', 6],
  ['RSS MiB', 7],
  ['HWM MiB', 7],
  ['anon MiB', 8],
  ['data MiB', 8],
  ['thr', 3],
  ['CPU %', 5],
  ['workers', 7],
  ['wk RSS', 6],
  ['view', 4],
] as const;
const SERIES_HEADER = `${SERIES.map(([title, width]) => title.padStart(width)).join('  ')}  frame`;

function formatRow(s: Sample): string {
  const cells = [
    fixed(s.t, 0),
    mib(s.memory.rss),
    mib(s.memory.hwm),
    mib(s.memory.anon),
    mib(s.memory.data),
    String(s.memory.threads),
    fixed(s.cpu, 1),
    String(s.workers.count),
    mib(s.workers.rss),
    s.tree ? 'tree' : 'flat',
  ].map((cell, i) => cell.padStart(SERIES[i]![1]));
  return `${cells.join('  ')}  ${s.problems.length === 0 ? 'ok' : `${s.problems.length} problem(s)`}`;
}

function report(
  print: (line: string) => void,
  samples: readonly Sample[],
  run: { exitedCleanly: boolean; leftover: number; churnRate: number; pool: boolean; torn: number },
): void {
  print('');
  if (samples.length < 3) {
    print(`only ${samples.length} samples: too few for a growth figure`);
    return;
  }
  const series = (pick: (s: Sample) => number): Point[] => samples.map((s) => ({ t: s.t, value: pick(s) }));
  const measures: [string, Point[]][] = [
    ['pooltop VmRSS', series((s) => s.memory.rss)],
    ['pooltop RssAnon', series((s) => s.memory.anon)],
    ['pooltop VmHWM', series((s) => s.memory.hwm)],
    ['pooltop VmData', series((s) => s.memory.data)],
  ];
  if (run.pool) measures.push(['workers VmRSS (sum)', series((s) => s.workers.rss)]);
  const window = growth(measures[0]![1]).windowSeconds;
  print(`Growth: mean of the first ${fixed(window / 60, 1)} min against the last ${fixed(window / 60, 1)} min, and least-squares slopes (MiB/hour):`);
  const rows = measures.map(([name, points]) => {
    const g = growth(points);
    const values = points.map((p) => p.value);
    return [
      name,
      mib(Math.min(...values)),
      mib(Math.max(...values)),
      mib(g.firstMean),
      mib(g.lastMean),
      fixed(g.windowMiBPerHour, 2),
      fixed(g.slopeMiBPerHour, 2),
      fixed(g.settledSlopeMiBPerHour, 2),
    ];
  });
  for (const line of formatTable(['series', 'min', 'max', 'first win', 'last win', 'win MiB/h', 'slope MiB/h', 'after 1st win'], rows)) print(line);
  const cpu = samples.map((s) => s.cpu).filter(Number.isFinite);
  print('');
  print(`pooltop CPU: mean ${fixed(cpu.reduce((a, b) => a + b, 0) / cpu.length, 1)} % of a core, max ${fixed(Math.max(...cpu), 1)} %`);
  print(`churn: ${fixed(run.churnRate, 0)} processes started per second on the machine over the run`);
  const bad = samples.filter((s) => s.problems.length > 0);
  print(
    `frames checked: ${samples.length} (${run.torn} torn captures, right 50 ms later), with problems: ${bad.length}${bad.length > 0 ? ` (first at ${fixed(bad[0]!.t, 0)} s: ${bad[0]!.problems[0]})` : ''}`,
  );
  print(`pooltop quit on q: ${run.exitedCleanly ? 'yes' : 'NO (had to be signalled)'}; churn processes left: ${run.leftover}`);
}

main().then(
  (code) => {
    runCleanups();
    process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`soak: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    runCleanups();
    process.exit(1);
  },
);
