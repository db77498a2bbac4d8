// The exporter and the stream: how long `pooltop serve` takes to answer /metrics and how large
// the answer is, what sampling costs it per interval, what `snapshot --json --watch` costs per
// line, and the monitor's CPU a refresh with --metrics-listen scraped every second against
// without it — each with the machine's processes and with thousands of extra idle ones.
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../test/cli/serve-process.js';
import { settings } from './lib/bench-settings.js';
import { onCleanup } from './lib/cleanup.js';
import { fixed, formatTable } from './lib/format-table.js';
import { startIdleProcesses } from './lib/idle-processes.js';
import { median } from './lib/median.js';
import { countProcesses, readCpu } from './lib/proc-stat.js';
import { TmuxServer } from './lib/tmux-server.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'pooltop');
const OPENMETRICS = 'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';
/** How many scrapes are timed per row, each on a fresh connection just after a new sample. */
const SCRAPES = 15;

interface Scrape {
  ms: number;
  bytes: number;
  status: number;
}

function scrape(url: string, accept?: string): Promise<Scrape> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(url, { agent: false, headers: accept ? { Accept: accept } : {} }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ ms: performance.now() - started, bytes, status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    req.end();
  });
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** A child of the bench, killed by its own handle on every way out. */
function owned(child: ChildProcess): () => void {
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const unregister = onCleanup(kill);
  return () => {
    kill();
    unregister();
  };
}

async function startServe(args: string[]): Promise<{ child: ChildProcess; url: string; stop: () => void }> {
  const child = spawn(BIN, ['serve', '--listen', '127.0.0.1:0', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  const stop = owned(child);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = performance.now() + 20_000;
  for (;;) {
    const url = /serving (http:\S+)/.exec(stderr)?.[1];
    if (url) {
      // Wait for the first sample (503 before it).
      while ((await scrape(url)).status !== 200) await sleep(50);
      return { child, url, stop };
    }
    if (performance.now() > deadline || child.exitCode !== null) {
      stop();
      throw new Error(`pooltop serve did not start: ${stderr}`);
    }
    await sleep(20);
  }
}

const cpuOf = (pid: number): number => {
  const cpu = readCpu(pid);
  return cpu ? cpu.selfMs + cpu.childrenMs : Number.NaN;
};

/** /metrics of `pooltop serve -d 10 [args]`: each scrape ~1 s apart, so each finds a new sample to build. */
async function scrapeRows(label: string, args: string[]): Promise<string[][]> {
  const serve = await startServe(['-d', '10', ...args]);
  try {
    await sleep(settings.warmup * 1000);
    const rows: string[][] = [];
    for (const [format, accept] of [
      ['text', undefined],
      ['OpenMetrics', OPENMETRICS],
    ] as const) {
      const times: number[] = [];
      const cached: number[] = [];
      let bytes = 0;
      for (let i = 0; i < SCRAPES; i++) {
        await sleep(1050);
        const first = await scrape(serve.url, accept);
        times.push(first.ms);
        bytes = first.bytes;
        cached.push((await scrape(serve.url, accept)).ms);
      }
      rows.push([
        label,
        `${args.join(' ') || '(defaults)'}`,
        format,
        fixed(median(times), 1),
        fixed(percentile(times, 90), 1),
        fixed(Math.max(...times), 1),
        fixed(median(cached), 1),
        (bytes / 1024).toFixed(1),
      ]);
    }
    return rows;
  } finally {
    serve.stop();
  }
}

/** CPU of `pooltop serve -d 10` per sample over the window, scraped every second or not at all. */
async function serveCpu(label: string, scraped: boolean): Promise<string[]> {
  const serve = await startServe(['-d', '10']);
  try {
    await sleep(settings.warmup * 1000);
    const before = cpuOf(serve.child.pid!);
    const opened = performance.now();
    while (performance.now() - opened < settings.seconds * 1000) {
      if (scraped) await scrape(serve.url, OPENMETRICS);
      await sleep(1000);
    }
    const samples = (performance.now() - opened) / 1000;
    return [label, scraped ? 'scraped every 1 s' : 'not scraped', fixed((cpuOf(serve.child.pid!) - before) / samples, 2)];
  } finally {
    serve.stop();
  }
}

/** CPU of `snapshot --json --watch -d 10` per line written. */
async function watchCpu(label: string): Promise<string[]> {
  const child = spawn(BIN, ['snapshot', '--json', '--watch', '-d', '10'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const stop = owned(child);
  let lines = 0;
  let bytes = 0;
  child.stdout?.on('data', (d: Buffer) => {
    bytes += d.length;
    for (const byte of d) if (byte === 10) lines++;
  });
  try {
    while (lines < 1) await sleep(50);
    await sleep(settings.warmup * 1000);
    const [before, linesBefore, bytesBefore] = [cpuOf(child.pid!), lines, bytes];
    await sleep(settings.seconds * 1000);
    const written = lines - linesBefore;
    return [label, String(written), fixed((cpuOf(child.pid!) - before) / written, 2), ((bytes - bytesBefore) / written / 1024).toFixed(1)];
  } finally {
    stop();
  }
}

/** The monitor with and without --metrics-listen, side by side in tmux for the same window; the exporter scraped every second. */
async function monitorCpu(label: string): Promise<string[][]> {
  const tmux = new TmuxServer();
  const config = mkdtempSync(join(tmpdir(), 'pooltop-bench-export-'));
  try {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/metrics`;
    const env = { XDG_CONFIG_HOME: join(config, 'pooltop-config') };
    const size = { width: 160, height: 50 };
    const off = tmux.start('metrics-off', [BIN, '-d', '10'], size, env);
    const on = tmux.start('metrics-on', [BIN, '-d', '10', '--metrics-listen', `127.0.0.1:${port}`], size, env);
    for (const pane of [off, on]) {
      if ((await tmux.waitForScreen(pane, (s) => /F10\s*Quit/.test(s))) === null) throw new Error(`the monitor did not start: ${tmux.capture(pane)}`);
    }
    while ((await scrape(url)).status !== 200) await sleep(50);
    await sleep(settings.warmup * 1000);
    const before = [cpuOf(off.process.pid), cpuOf(on.process.pid)];
    const opened = performance.now();
    while (performance.now() - opened < settings.seconds * 1000) {
      await scrape(url, OPENMETRICS);
      await sleep(1000);
    }
    const refreshes = (performance.now() - opened) / 1000;
    const after = [cpuOf(off.process.pid), cpuOf(on.process.pid)];
    for (const pane of [off, on]) await tmux.stop(pane, 'q');
    return [
      [label, 'without --metrics-listen', fixed((after[0]! - before[0]!) / refreshes, 2)],
      [label, '--metrics-listen, scraped every 1 s', fixed((after[1]! - before[1]!) / refreshes, 2)],
    ];
  } finally {
    tmux.close();
    rmSync(config, { recursive: true, force: true });
  }
}

export default async function bench(print: (line: string) => void): Promise<void> {
  print('pooltop serve -d 10: each /metrics request on a fresh connection about 1 s after the one before,');
  print(`so each finds a sample it has not built yet (${SCRAPES} a row); "again" is a second request at once, cached.`);
  print(`CPU from /proc/[pid]/stat (10 ms ticks) over ${settings.seconds} s windows, ${settings.warmup} s after start-up.`);
  const scrapes: string[][] = [];
  const serve: string[][] = [];
  const watch: string[][] = [];
  const monitor: string[][] = [];
  // Each row says how many processes /proc had as it began and as it ended: on a shared machine
  // others' processes come and go, and a row whose counts differ measured something else.
  const measure = async (name: string): Promise<void> => {
    const row = async (into: string[][], run: (label: string) => Promise<string[][]>): Promise<void> => {
      const before = countProcesses();
      const rows = await run('');
      const label = `${name} (${before}→${countProcesses()})`;
      into.push(...rows.map(([, ...rest]) => [label, ...rest]));
    };
    await row(scrapes, (l) => scrapeRows(l, []));
    await row(scrapes, (l) => scrapeRows(l, ['--top', '1000']));
    await row(serve, async (l) => [await serveCpu(l, false)]);
    await row(serve, async (l) => [await serveCpu(l, true)]);
    await row(watch, async (l) => [await watchCpu(l)]);
    await row(monitor, (l) => monitorCpu(l));
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
  print('');
  for (const line of formatTable(['processes', 'serve options', 'format', 'ms p50', 'p90', 'max', 'again p50', 'KiB'], scrapes)) print(line);
  print('');
  for (const line of formatTable(['processes', 'pooltop serve -d 10', 'CPU ms/sample'], serve)) print(line);
  print('');
  for (const line of formatTable(['processes', 'snapshot --json --watch -d 10: lines', 'CPU ms/line', 'KiB/line'], watch)) print(line);
  print('');
  for (const line of formatTable(['processes', 'pooltop -d 10 in tmux 160×50', 'CPU ms/refresh'], monitor)) print(line);
}
