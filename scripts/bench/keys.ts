// Key response: how long a key press takes to show on screen while pooltop refreshes, at the
// machine's own processes and with thousands of extra idle ones. Measured two ways: from outside
// (tmux send-keys, then polling the pane until the selection has moved: includes tmux's own
// delays) and from inside (POOLTOP_STATS_FILE: the event loop's longest stall, which is the
// longest a key can wait before pooltop even sees it, and each frame's render time).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { settings } from './lib/bench-settings.js';
import { fixed, formatTable } from './lib/format-table.js';
import { startIdleProcesses } from './lib/idle-processes.js';
import { median } from './lib/median.js';
import { countProcesses } from './lib/proc-stat.js';
import { type Pane, TmuxServer } from './lib/tmux-server.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'pooltop');
const SIZE = { width: 160, height: 50 };
const PRESSES = 40;
/** Idle processes added to the machine's own so that the table is longer than the screen. */
const FILL = 50;

interface Stats {
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  frames: number;
  renderMs: { p50: number; p99: number; max: number };
  peakRssMb: number;
}

async function measure(tmux: TmuxServer, label: string, dir: string): Promise<string[]> {
  const statsFile = join(dir, `${label}.json`);
  const pane: Pane = tmux.start(label, [BIN, '-d', '10', '-s', 'pid'], SIZE, {
    POOLTOP_STATS_FILE: statsFile,
    XDG_CONFIG_HOME: join(dir, 'config'),
  });
  const ready = await tmux.waitForScreen(pane, (s) => /PID[▽△]?\s+PPID/.test(s) && /F10\s*Quit/.test(s));
  if (ready === null) throw new Error(`${label}: pooltop did not draw its screen`);
  await sleep(2500);
  // Home and End, alternately, always change the first row on screen (sorted by PID): a change a
  // plain capture can see, unlike the highlight, which is only colour.
  const latencies: number[] = [];
  let atEnd = false;
  for (let i = 0; i < PRESSES; i++) {
    const before = firstRow(tmux.capture(pane));
    const sent = performance.now();
    tmux.sendKeys(pane, atEnd ? 'Home' : 'End');
    atEnd = !atEnd;
    for (;;) {
      const now = firstRow(tmux.capture(pane));
      if (now !== before) break;
      if (performance.now() - sent > 2000) throw new Error(`${label}: the screen did not answer a key within 2 s`);
      await sleep(2);
    }
    latencies.push(performance.now() - sent);
    // Land the next press at a different point of the refresh cycle.
    await sleep(150 + ((i * 137) % 400));
  }
  await tmux.stop(pane, 'q');
  const stats = JSON.parse(readFileSync(statsFile, 'utf8')) as Stats;
  latencies.sort((a, b) => a - b);
  return [
    label,
    String(countProcesses()),
    fixed(median(latencies), 1),
    fixed(latencies[Math.floor(latencies.length * 0.9)] ?? 0, 1),
    fixed(latencies.at(-1) ?? 0, 1),
    fixed(stats.eventLoopDelayMs.p99, 1),
    fixed(stats.eventLoopDelayMs.max, 1),
    fixed(stats.renderMs.p50, 1),
    fixed(stats.renderMs.max, 1),
    String(stats.peakRssMb),
  ];
}

/** The PID of the first table row on screen. */
function firstRow(screen: string): string {
  const lines = screen.split('\n');
  const titles = lines.findIndex((line) => /^\s*PID[▽△]?\s+PPID/.test(line));
  return titles >= 0 ? ((lines[titles + 1] ?? '').trim().split(/\s+/)[0] ?? '') : '';
}

export default async function bench(print: (line: string) => void): Promise<void> {
  print(`pooltop -d 10 at ${SIZE.width}×${SIZE.height}; ${PRESSES} presses of Home / End at varied points of the`);
  print('refresh cycle. key ms: from tmux send-keys until a capture shows the new first row (tmux');
  print("and the polling add a few ms). loop p99/max: pooltop's event-loop stalls, the longest a key");
  print('waits before pooltop reads it. render: React + Ink time per frame. RSS: peak, MB.');
  const dir = mkdtempSync(join(tmpdir(), 'pooltop-bench-keys-'));
  const tmux = new TmuxServer();
  const rows: string[][] = [];
  try {
    // Home and End must move the first row on screen: a quiet machine's own processes (34 here
    // without kernel threads) fit in the table, so 50 idle ones top it up past a screenful.
    const topUp = await startIdleProcesses(FILL);
    try {
      rows.push(await measure(tmux, `machine +${FILL}`, dir));
    } finally {
      await topUp.stop();
    }
    if (settings.idle > 0) {
      const idle = await startIdleProcesses(settings.idle);
      try {
        rows.push(await measure(tmux, `+${settings.idle} idle`, dir));
      } finally {
        await idle.stop();
      }
    }
  } finally {
    tmux.close();
    rmSync(dir, { recursive: true, force: true });
  }
  for (const line of formatTable(['processes', 'seen', 'key ms p50', 'p90', 'max', 'loop p99', 'loop max', 'render p50', 'render max', 'RSS'], rows))
    print(line);
}
