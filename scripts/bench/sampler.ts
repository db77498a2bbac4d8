// Sampler cost: wall and CPU time per sample of each source (procfs, systeminformation, ps-list)
// and of the procfs process-table read alone, with the machine's own processes and with
// thousands of extra idle ones.
import { setTimeout as sleep } from 'node:timers/promises';
import { ProcfsSampler } from '../../src/sampling/procfs-sampler.js';
import { createSampler } from '../../src/sampling/create-sampler.js';
import { ProcSystemFacts, SysteminformationFacts } from '../../src/sampling/system-facts.js';
import type { Sampler } from '../../src/sampling/types.js';
import { samples, settings } from './lib/bench-settings.js';
import { fixed, formatTable } from './lib/format-table.js';
import { startIdleProcesses } from './lib/idle-processes.js';
import { median } from './lib/median.js';
import { countProcesses, readCpu } from './lib/proc-stat.js';

/** How long systeminformation 5.33 reuses a result: processes() (lib/processes.js), currentLoad() (lib/cpu.js). */
const SI_PROCESSES_CACHE_MS = 500;
const SI_LOAD_CACHE_MS = 200;

interface Timing {
  what: string;
  /** Processes in the last result; null for calls that read no process table. */
  processes: number | null;
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
async function time(what: string, count: number, warmup: number, run: () => Promise<number | null> | number | null, gapMs = 0): Promise<Timing> {
  for (let i = 0; i < warmup; i++) {
    await run();
    if (gapMs > 0) await sleep(gapMs);
  }
  const walls: number[] = [];
  const cpus: number[] = [];
  let processes: number | null = null;
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
  // systeminformation hands back its previous result when called again soon after: within 500 ms
  // for processes(), 200 ms for currentLoad() (which every source uses for the per-core meters).
  // Space the calls as a refresh would, or the figure is that of a cache hit.
  const gapMs = (sampler.source === 'systeminformation' ? SI_PROCESSES_CACHE_MS : SI_LOAD_CACHE_MS) + 100;
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
  const procFacts = new ProcSystemFacts();
  const siFacts = new SysteminformationFacts();
  timings.push(
    await time(
      'system facts, /proc',
      samples(10),
      1,
      async () => {
        await procFacts.read();
        return null;
      },
      SI_LOAD_CACHE_MS + 100,
    ),
  );
  timings.push(
    await time(
      'system facts, si',
      samples(10),
      1,
      async () => {
        await siFacts.read();
        return null;
      },
      SI_LOAD_CACHE_MS + 100,
    ),
  );
  const procfs = new ProcfsSampler();
  timings.push(await timeSampler(procfs, samples(20)));

  const table = new ProcfsSampler();
  timings.push(await time('procfs readProcesses(), warm', samples(30), 2, () => table.readProcesses().processes.length));
  table.close();
  // Cold: a new sampler reads status and cmdline of every process, as at start-up.
  timings.push(await time('procfs readProcesses(), cold', samples(heavy ? 5 : 10), 0, () => new ProcfsSampler().readProcesses().processes.length));

  timings.push(await timeSampler(await createSampler('ps-list'), samples(heavy ? 10 : 20)));
  timings.push(await timeSampler(await createSampler('systeminformation'), samples(heavy ? 5 : 10)));
  return timings;
}

export default async function bench(print: (line: string) => void): Promise<void> {
  print("Per call: wall = elapsed time; CPU = this process's user+system CPU (process.cpuUsage, all");
  print('threads); child CPU = CPU of the children the call waited for (cutime+cstime, 10 ms ticks,');
  print('so a mean): `sh -c "cat /proc/stat | grep cpu"` run by systeminformation\'s currentLoad() on');
  print('every sample of every source, `ps` for ps-list and systeminformation, and for systeminformation');
  print('a shell running one `cat` per process. total = CPU + child CPU. Wall and CPU are medians.');
  print('sample() calls are 300 ms apart (600 ms for systeminformation): closer calls would be served');
  print("from systeminformation's result caches (200 ms for the load, 500 ms for processes()).");
  print("system facts = the meters' per-core load, memory, swap, load and uptime alone: read from /proc");
  print('(what procfs and, on Linux, ps-list use) or from systeminformation (what its own source uses).');
  print('"warm" table reads reuse per-PID identity (status, cmdline) cached by earlier reads; "cold" is');
  print("a fresh sampler's first read, as at start-up.");
  const rows: string[][] = [];
  const add = (label: string, timings: Timing[]) => {
    for (const t of timings) {
      rows.push([
        label,
        t.what,
        t.processes === null ? '-' : String(t.processes),
        String(t.count),
        fixed(t.wallMs, 2),
        fixed(t.cpuMs, 2),
        fixed(t.childMs, 1),
        fixed(t.cpuMs + t.childMs, 1),
      ]);
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
