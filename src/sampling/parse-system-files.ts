// Pure parsers for /proc/stat's per-core time lines and /proc/meminfo, and the per-core usage
// computed from two readings of the core times.
import type { CpuUsage, MemoryInfo, SwapInfo } from './types.js';

/** One core's cumulative times from a `cpuN` line of /proc/stat, in clock ticks. */
export interface CoreTimes {
  user: number;
  nice: number;
  /** system + irq + softirq + steal: time the core was busy on something other than processes. */
  system: number;
  /** idle + iowait. */
  idle: number;
}

/** The `cpu0`, `cpu1`… lines (not the `cpu` total), in core order. */
export function parseCoreTimes(text: string): CoreTimes[] {
  const cores: CoreTimes[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('cpu') || line.startsWith('cpu ')) continue;
    const f = line.split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0, guest = 0, guestNice = 0] = f;
    // Guest time is counted in user (and guest_nice in nice) already: take it out as htop does.
    cores.push({
      user: user - guest,
      nice: nice - guestNice,
      system: system + irq + softirq + steal + guest + guestNice,
      idle: idle + iowait,
    });
  }
  return cores;
}

/** Each core's usage between two readings, in percent; the first reading (no `before`) gives the average since boot. */
export function coreUsage(before: readonly CoreTimes[] | null, after: readonly CoreTimes[]): CpuUsage[] {
  return after.map((now, i) => {
    const then = before?.[i] ?? { user: 0, nice: 0, system: 0, idle: 0 };
    const user = Math.max(0, now.user - then.user);
    const nice = Math.max(0, now.nice - then.nice);
    const system = Math.max(0, now.system - then.system);
    const idle = Math.max(0, now.idle - then.idle);
    const total = user + nice + system + idle;
    if (total <= 0) return { user: 0, system: 0, nice: 0, idle: 100 };
    return { user: (user / total) * 100, system: (system / total) * 100, nice: (nice / total) * 100, idle: (idle / total) * 100 };
  });
}

/**
 * Memory and swap from /proc/meminfo (kB there, bytes here), split as htop 3 splits them:
 *   used    = MemTotal − MemFree − Buffers − Cached − SReclaimable (− Zswap, shown apart)
 *   shared  = Shmem (inside Cached, so counted once: here, not in cache)
 *   cache   = Cached + SReclaimable − Shmem
 *   swap used = SwapTotal − SwapFree − SwapCached
 * Where MemTotal is smaller than what is subtracted (odd containers), used is total − free, as htop.
 */
export function parseMeminfo(text: string): { memory: MemoryInfo; swap: SwapInfo } {
  const kb = (name: string): number => {
    const match = new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text);
    return match ? Number(match[1]) * 1024 : 0;
  };
  const total = kb('MemTotal');
  const free = kb('MemFree');
  const buffers = kb('Buffers');
  const cached = kb('Cached');
  const reclaimable = kb('SReclaimable');
  const shared = kb('Shmem');
  // zswap's pool holds compressed swapped-out pages in memory: htop shows it apart from used.
  const compressed = /^Zswapped:/m.test(text) ? kb('Zswap') : 0;
  const unused = free + buffers + cached + reclaimable;
  const used = total >= unused ? total - unused : total - free;
  // Kernels before 3.14 have no MemAvailable: htop then takes free.
  const available = /^MemAvailable:/m.test(text) ? Math.min(kb('MemAvailable'), total) : free;
  const swapTotal = kb('SwapTotal');
  const swapFree = kb('SwapFree');
  const swapCached = kb('SwapCached');
  return {
    memory: {
      total,
      used: Math.max(0, used - compressed),
      shared,
      compressed,
      buffers,
      cached: Math.max(0, cached + reclaimable - shared),
      free,
      available,
      usedConvention: 'htop',
    },
    swap: { total: swapTotal, used: Math.max(0, swapTotal - swapFree - swapCached), free: swapFree, cached: swapCached },
  };
}

/** procs_running of /proc/stat: threads runnable now, kernel threads and the reader included; null if absent. */
export function parseProcsRunning(text: string): number | null {
  const match = /^procs_running (\d+)$/m.exec(text);
  return match ? Number(match[1]) : null;
}
