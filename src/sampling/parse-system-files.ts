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

/** Memory and swap from /proc/meminfo (kB there, bytes here); used = total − available, as htop and free show it. */
export function parseMeminfo(text: string): { memory: MemoryInfo; swap: SwapInfo } {
  const kb = (name: string): number => {
    const match = new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text);
    return match ? Number(match[1]) * 1024 : 0;
  };
  const total = kb('MemTotal');
  const free = kb('MemFree');
  const buffers = kb('Buffers');
  const cached = kb('Cached') + kb('SReclaimable');
  // Kernels before 3.14 have no MemAvailable: estimate it as free + buffers + cache.
  const available = /^MemAvailable:/m.test(text) ? kb('MemAvailable') : free + buffers + cached;
  const swapTotal = kb('SwapTotal');
  const swapFree = kb('SwapFree');
  return {
    memory: { total, used: Math.max(0, total - available), free, available, buffers, cached },
    swap: { total: swapTotal, used: Math.max(0, swapTotal - swapFree), free: swapFree },
  };
}
