// Per-core load, memory, swap, load average and uptime: the parts of a Sample that are not the
// process table. systeminformation computes per-core deltas between calls (~0.05 ms) and reads
// /proc/meminfo (~0.4 ms); Node gives load and uptime for free.
import os from 'node:os';
import si from 'systeminformation';
import type { CpuUsage, MemoryInfo, SwapInfo } from './types.js';

export interface SystemFacts {
  cpus: CpuUsage[];
  memory: MemoryInfo;
  swap: SwapInfo;
  load: [number, number, number];
  uptime: number;
}

export async function readSystemFacts(): Promise<SystemFacts> {
  const [load, mem] = await Promise.all([si.currentLoad(), si.mem()]);
  const cpus = load.cpus.map((core): CpuUsage => {
    const user = finite(core.loadUser);
    const nice = finite(core.loadNice);
    // IRQ time is kernel work done on the core: htop counts it with system.
    const system = finite(core.loadSystem) + finite(core.loadIrq);
    return { user, system, nice, idle: Math.max(0, 100 - user - system - nice) };
  });
  const total = finite(mem.total);
  const available = finite(mem.available) || finite(mem.free);
  const [l1 = 0, l5 = 0, l15 = 0] = os.loadavg();
  return {
    cpus: cpus.length > 0 ? cpus : os.cpus().map(() => ({ user: 0, system: 0, nice: 0, idle: 100 })),
    memory: {
      total,
      used: Math.max(0, total - available),
      free: finite(mem.free),
      available,
      buffers: finite(mem.buffers),
      cached: finite(mem.cached),
    },
    swap: { total: finite(mem.swaptotal), used: finite(mem.swapused), free: finite(mem.swapfree) },
    load: [l1, l5, l15],
    uptime: os.uptime(),
  };
}

function finite(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
