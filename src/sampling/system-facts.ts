// Per-core load, memory, swap, load average and uptime: the parts of a Sample that are not the
// process table. On Linux read straight from /proc/stat and /proc/meminfo; elsewhere from
// systeminformation, whose si.currentLoad() runs `sh -c "cat /proc/stat | grep cpu"` on every
// call and waits on its first, which was half of pooltop's start-up (docs/performance.md), so it
// stays off the Linux path.
import { existsSync } from 'node:fs';
import os from 'node:os';
import { readHostCounters, type HostCounters } from './host-counters.js';
import { coreUsage, parseCoreTimes, parseMeminfo, parseProcsRunning, type CoreTimes } from './parse-system-files.js';
import { readProcFile } from '../platform/proc-file.js';
import { PROC_ROOT } from '../platform/procfs.js';
import type { CpuUsage, MemoryInfo, SwapInfo } from './types.js';

export interface SystemFacts {
  cpus: CpuUsage[];
  memory: MemoryInfo;
  swap: SwapInfo;
  load: [number, number, number];
  uptime: number;
  /** Threads running now (/proc/stat's procs_running), where the source reads it. */
  procsRunning?: number | null;
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
    const procsRunning = typeof stat === 'string' ? parseProcsRunning(stat) : null;
    return { cpus, memory, swap, load: loadAverage(), uptime: os.uptime(), procsRunning, counters };
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
    return {
      cpus: cpus.length > 0 ? cpus : idleCores(),
      memory: siMemory(mem),
      swap: { total: finite(mem.swaptotal), used: finite(mem.swapused), free: finite(mem.swapfree), cached: Number.NaN },
      load: loadAverage(),
      uptime: os.uptime(),
    };
  }
}

/**
 * si.mem() as htop's parts where it reads /proc/meminfo (Linux: it gives SReclaimable but not
 * Shmem, so shared is unknown and stays inside cache); elsewhere only total − available is known.
 */
function siMemory(mem: { total: number; free: number; available: number; buffers: number; cached: number; reclaimable: number }): MemoryInfo {
  const total = finite(mem.total);
  const free = finite(mem.free);
  const available = finite(mem.available) || free;
  if (process.platform === 'linux') {
    const buffers = finite(mem.buffers);
    const cached = finite(mem.cached) + finite(mem.reclaimable);
    const unused = free + buffers + cached;
    const used = total >= unused ? total - unused : total - free;
    return { total, used, shared: Number.NaN, compressed: 0, buffers, cached, free, available, usedConvention: 'htop' };
  }
  const unknown = Number.NaN;
  return {
    total,
    used: Math.max(0, total - available),
    shared: unknown,
    compressed: unknown,
    buffers: unknown,
    cached: unknown,
    free,
    available,
    usedConvention: 'total-available',
  };
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
