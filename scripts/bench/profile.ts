// Where the monitor's CPU goes (on request: `npm run bench -- profile`): pooltop runs under
// `node --cpu-prof` in tmux at 1 Hz with the extra idle processes, quits, and the profile's self
// time is summarised per function and per package, start-up apart from the steady state. The CPU
// graphs are on (`G` and `g`, as the issue's targets are measured), POOLTOP_BENCH_PROFILE_GRAPHS=0
// profiles the default screen without them.
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { settings } from './lib/bench-settings.js';
import { type ProfileSummary, summarizeProfile } from './lib/cpu-profile-summary.js';
import { fixed, formatTable } from './lib/format-table.js';
import { type IdleProcesses, startIdleProcesses } from './lib/idle-processes.js';
import { countProcesses } from './lib/proc-stat.js';
import { TmuxServer } from './lib/tmux-server.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SIZE = { width: 160, height: 50 };
const TOP = 25;

function fullFrame(screen: string): boolean {
  const lines = screen.split('\n');
  const titles = lines.findIndex((line) => /\bPID\b.*\bCommand\b/.test(line));
  return titles >= 0 && /^\s*\d+\s/.test(lines[titles + 1] ?? '') && /F10\s*Quit/.test(screen);
}

function printSummary(print: (line: string) => void, title: string, summary: ProfileSummary, top: number): void {
  const busy = summary.spanMs - (summary.buckets['(idle)'] ?? 0);
  print('');
  print(`${title}: ${fixed(summary.spanMs / 1000, 1)} s profiled, ${fixed(busy, 0)} ms busy on the main thread`);
  print(
    '  ' +
      Object.entries(summary.buckets)
        .map(([name, ms]) => `${name} ${fixed(ms, 0)} ms`)
        .join(', '),
  );
  const share = (ms: number) => `${fixed((ms / busy) * 100, 1)}%`;
  print('');
  for (const line of formatTable(
    ['package', 'self ms', 'of busy'],
    summary.packages.slice(0, 12).map((p) => [p.name, fixed(p.ms, 0), share(p.ms)]),
  ))
    print(`  ${line}`);
  print('');
  const functions = summary.functions.slice(0, top);
  for (const line of formatTable(
    ['function', 'self ms', 'of busy', 'where'],
    functions.map((f) => [f.name, fixed(f.ms, 1), share(f.ms), f.where]),
  ))
    print(`  ${line}`);
  const native = functions.filter((f) => f.via && f.ms >= busy * 0.01);
  if (native.length > 0) {
    print('');
    print('  Who called the native and node-internal ones (nearest JavaScript frame outside node):');
    for (const f of native) {
      const callers = [...f.via!.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
      print(`    ${f.name} ${f.where}: ${callers.map(([from, ms]) => `${from} (${fixed(ms, 0)} ms)`).join('; ')}`);
    }
  }
}

export default async function bench(print: (line: string) => void): Promise<void> {
  const dir = mkdtempSync('/tmp/pooltop-bench-profile-');
  let idle: IdleProcesses | null = null;
  const tmux = new TmuxServer();
  let startupMs: number | null = null;
  let processes = 0;
  try {
    if (settings.idle > 0) idle = await startIdleProcesses(settings.idle);
    processes = countProcesses();
    const argv = [process.execPath, '--cpu-prof', `--cpu-prof-dir=${dir}`, join(ROOT, 'bin', 'pooltop'), '-d', '10'];
    // A private settings folder, so a saved tree view or sort does not change what is profiled.
    const config = join(dir, 'pooltop-config');
    mkdirSync(join(config, 'pooltop'), { recursive: true, mode: 0o700 });
    const graphs = settings.profileGraphs ? { cpuMeter: 'graph', graphsPanel: true } : {};
    writeFileSync(join(config, 'pooltop', 'config.json'), JSON.stringify(graphs), { mode: 0o600 });
    const pane = tmux.start('profile', argv, SIZE, { XDG_CONFIG_HOME: config });
    startupMs = await tmux.waitForScreen(pane, fullFrame);
    if (startupMs === null) throw new Error('pooltop showed no full frame within 20 s');
    await sleep(settings.profileSeconds * 1000);
    // The profile is written when the process exits, so it must quit by itself: q, not a signal.
    await tmux.stop(pane, 'q');
  } finally {
    tmux.close();
    if (idle) print(`(${settings.idle} idle processes stopped: ${await idle.stop()} remain in /proc)`);
  }

  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile written in ${dir}`);
  const path = join(dir, file);
  const shown = settings.profileGraphs ? 'graph meters and graphs panel on' : 'graphs off';
  print(`pooltop -d 10 (${shown}) under node --cpu-prof at ${processes} processes, ${settings.profileSeconds} s after its first full frame`);
  print(`(at ${fixed(startupMs, 0)} ms, under the profiler). Profile: ${path}`);
  print('Self time = time V8 sampled in the function itself; "of busy" = share of the non-idle main thread.');
  const steadyFrom = startupMs + settings.warmup * 1000;
  printSummary(print, `Start-up (first ${fixed(startupMs, 0)} ms)`, summarizeProfile(path, ROOT, 0, startupMs), 10);
  printSummary(print, `Steady state (from ${fixed(steadyFrom / 1000, 1)} s to the end)`, summarizeProfile(path, ROOT, steadyFrom), TOP);
}
