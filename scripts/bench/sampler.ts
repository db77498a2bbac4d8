// Sampler cost: wall and CPU time per sample of each source (procfs, systeminformation, ps-list)
// and of the procfs process-table read alone, with the machine's own processes and with
// thousands of extra idle ones.
import { setTimeout as sleep } from 'node:timers/promises';
import { ProcfsSampler } from '../../src/sampling/procfs-sampler.js';
import { createSampler } from '../../src/sampling/create-sampler.js';
import type { Sampler } from '../../src/sampling/types.js';
import { samples, settings } from './lib/bench-settings.js';
import { fixed, formatTable } from './lib/format-table.js';
import { startIdleProcesses } from './lib/idle-processes.js';
import { median } from './lib/median.js';
import { countProcesses, readCpu } from './lib/proc-stat.js';

/** systeminformation's processes() result cache lifetime (lib/processes.js, 5.33). */
const SI_CACHE_MS = 500;

interface Timing {
  what: string;
  processes: number;
  count: number;
  wallMs: number;
  cpuMs: number;
  /** Mean CPU of the children the call waited for (`ps`, `sh`, `cat`), ms; 10 ms ticks, hence a mean. */
  childMs: number;
}

/**
 * Times `run` `count` times after `warmup` untimed calls, `gapMs` apart (untimed); returns medians
 * (children: mean).
 */
async function time(
  what: string,
  count: number,
  warmup: number,
  run: () => Promise<number> | number,
  gapMs = 0,
): Promise<Timing> {
  for (let i = 0; i < warmup; i++) {
    await run();
    if (gapMs > 0) await sleep(gapMs);
  }
  const walls: number[] = [];
  const cpus: number[] = [];
  let processes = 0;
  const childrenBefore = readCpu(process.pid)?.childrenMs ?? 0;
  for (let i = 0; i < count; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    processes = await run();
    walls.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
    if (gapMs > 0) await sleep(gapMs);
  }
  const childrenAfter = readCpu(process.pid)?.childrenMs ?? 0;
  return { what, processes, count, wallMs: median(walls), cpuMs: median(cpus), childMs: (childrenAfter - childrenBefore) / count };
}

async function timeSampler(sampler: Sampler, count: number): Promise<Timing> {
  // si.processes() hands back its previous result when called again within 500 ms: space its
  // calls as a 1 Hz refresh would, or the figure is that of a cache hit.
  const gapMs = sampler.source === 'systeminformation' ? SI_CACHE_MS + 100 : 0;
  try {
    // Two untimed samples: the first fills caches (procfs identities, systeminformation's CPU deltas).
    const sample = async () => (await sampler.sample()).processes.length;
    return await time(`${sampler.source} sample()`, count, 2, sample, gapMs);
  } finally {
    sampler.close();
  }
}

async function measureAll(heavy: boolean): Promise<Timing[]> {
  const timings: Timing[] = [];
  const procfs = new ProcfsSampler();
  timings.push(await timeSampler(procfs, samples(30)));

  const table = new ProcfsSampler();
  timings.push(await time('procfs readProcesses(), warm', samples(30), 2, () => table.readProcesses().processes.length));
  table.close();
  // Cold: a new sampler reads status and cmdline of every process, as at start-up.
  timings.push(
    await time('procfs readProcesses(), cold', samples(heavy ? 5 : 10), 0, () => new ProcfsSampler().readProcesses().processes.length),
  );

  timings.push(await timeSampler(createSampler('ps-list'), samples(heavy ? 10 : 20)));
  timings.push(await timeSampler(createSampler('systeminformation'), samples(heavy ? 5 : 10)));
  return timings;
}

export default async function bench(print: (line: string) => void): Promise<void> {
  print('Per sample: wall = elapsed time of one call; CPU = this process\'s user+system CPU during it');
  print('(process.cpuUsage, all its threads); child CPU = CPU of the children the call waited for:');
  print('`ps` for ps-list and systeminformation, plus for systeminformation a shell running one `cat`');
  print('per process (cutime+cstime, 10 ms ticks, so a mean); total = CPU + child CPU.');
  print('Wall and CPU are medians over N calls; systeminformation\'s are 600 ms apart (its cache).');
  print('"warm" reads reuse per-PID identity (status, cmdline) cached by earlier reads; "cold" is a');
  print('fresh sampler\'s first read, as at start-up. sample() adds per-core load, memory, uptime.');
  const rows: string[][] = [];
  const add = (label: string, timings: Timing[]) => {
    for (const t of timings) {
      rows.push([label, t.what, String(t.processes), String(t.count), fixed(t.wallMs, 2), fixed(t.cpuMs, 2), fixed(t.childMs, 1), fixed(t.cpuMs + t.childMs, 1)]);
    }
  };

  add('machine', await measureAll(false));

  if (settings.idle > 0) {
    const started = performance.now();
    const idle = await startIdleProcesses(settings.idle);
    try {
      print('');
      print(
        `Started ${settings.idle} idle processes in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
          `/proc shows ${idle.countAlive()} of them alive (${countProcesses()} processes in all).`,
      );
      add(`+${settings.idle} idle`, await measureAll(true));
    } finally {
      const remaining = await idle.stop();
      print(`Stopped them: ${remaining} remain in /proc.`);
    }
  }

  print('');
  for (const line of formatTable(['processes', 'what', 'seen', 'N', 'wall ms', 'CPU ms', 'child CPU ms', 'total CPU ms'], rows)) print(line);
}
