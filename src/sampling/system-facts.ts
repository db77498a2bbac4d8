// Per-core load, memory, swap, load average and uptime: the parts of a Sample that are not the
// process table. On Linux read straight from /proc/stat and /proc/meminfo; elsewhere from
// systeminformation, whose si.currentLoad() runs `sh -c "cat /proc/stat | grep cpu"` on every
// call and waits on its first, which was half of pooltop's start-up (docs/performance.md), so it
// stays off the Linux path.
import { existsSync } from 'node:fs';
import os from 'node:os';
import { readHostCounters, type HostCounters } from './host-counters.js';
import { coreUsage, parseCoreTimes, parseMeminfo, type CoreTimes } from './parse-system-files.js';
import { readProcFile } from '../platform/proc-file.js';
import { PROC_ROOT } from '../platform/procfs.js';
import type { CpuUsage, MemoryInfo, SwapInfo } from './types.js';

export interface SystemFacts {
  cpus: CpuUsage[];
  memory: MemoryInfo;
  swap: SwapInfo;
  load: [number, number, number];
  uptime: number;
  /** The cumulative counters behind the figures above (and disks, network), where /proc has them. */
  counters?: HostCounters;
}

export interface SystemFactsReader {
  read(): Promise<SystemFacts>;
}

/** The fastest reader this system has. Each reader keeps its own previous core times. */
export function createSystemFactsReader(procRoot = PROC_ROOT): SystemFactsReader {
  return existsSync(`${procRoot}/stat`) && existsSync(`${procRoot}/meminfo`) ? new ProcSystemFacts(procRoot) : new SysteminformationFacts();
}

export class ProcSystemFacts implements SystemFactsReader {
  private previous: CoreTimes[] | null = null;

  constructor(private readonly root = PROC_ROOT) {}

  async read(): Promise<SystemFacts> {
    return this.readSync();
  }

  readSync(): SystemFacts {
    const stat = readProcFile(`${this.root}/stat`, 64 * 1024);
    const meminfo = readProcFile(`${this.root}/meminfo`, 16 * 1024);
    const times = typeof stat === 'string' ? parseCoreTimes(stat) : [];
    const cpus = times.length > 0 ? coreUsage(this.previous, times) : idleCores();
    if (times.length > 0) this.previous = times;
    const { memory, swap } = typeof meminfo === 'string' ? parseMeminfo(meminfo) : parseMeminfo('');
    // Tens of microseconds more a sample (docs/performance.md): diskstats, net/dev, the modes of
    // this /proc/stat.
    const counters = readHostCounters(this.root, typeof stat === 'string' ? stat : '');
    return { cpus, memory, swap, load: loadAverage(), uptime: os.uptime(), counters };
  }
}

export class SysteminformationFacts implements SystemFactsReader {
  async read(): Promise<SystemFacts> {
    // Loaded only where /proc is missing: it is a large module.
    const { default: si } = await import('systeminformation');
    const [load, mem] = await Promise.all([si.currentLoad(), si.mem()]);
    const cpus = load.cpus.map((core): CpuUsage => {
      const user = finite(core.loadUser);
      const nice = finite(core.loadNice);
      const system = finite(core.loadSystem) + finite(core.loadIrq);
      return { user, system, nice, idle: Math.max(0, 100 - user - system - nice) };
    });
    const total = finite(mem.total);
    const available = finite(mem.available) || finite(mem.free);
    return {
      cpus: cpus.length > 0 ? cpus : idleCores(),
      memory: { total, used: Math.max(0, total - available), free: finite(mem.free), available, buffers: finite(mem.buffers), cached: finite(mem.cached) },
      swap: { total: finite(mem.swaptotal), used: finite(mem.swapused), free: finite(mem.swapfree) },
      load: loadAverage(),
      uptime: os.uptime(),
    };
  }
}

function idleCores(): CpuUsage[] {
  return os.cpus().map(() => ({ user: 0, system: 0, nice: 0, idle: 100 }));
}

function loadAverage(): [number, number, number] {
  const [l1 = 0, l5 = 0, l15 = 0] = os.loadavg();
  return [l1, l5, l15];
}

function finite(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
