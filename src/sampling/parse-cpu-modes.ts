// Each core's cumulative time per mode from the `cpuN` lines of /proc/stat, in seconds, the
// kernel's own split kept whole (the core meters merge it into user, nice, system and idle).

import { CLK_TCK } from '../platform/kernel-units.js';

/**
 * Seconds each core spent in each mode since boot. As in /proc/stat (and node_exporter), `user`
 * and `nice` include the time spent running guests, which `guest` and `guestNice` repeat.
 */
export interface CpuModeSeconds {
  user: number;
  nice: number;
  system: number;
  idle: number;
  iowait: number;
  irq: number;
  softirq: number;
  steal: number;
  guest: number;
  guestNice: number;
}

export const CPU_MODES = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal'] as const;

/** The `cpu0`, `cpu1`… lines (not the `cpu` total), in core order; fields a kernel lacks are 0. */
export function parseCpuModeSeconds(text: string): CpuModeSeconds[] {
  const cores: CpuModeSeconds[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('cpu') || line.startsWith('cpu ')) continue;
    const ticks = line.split(/\s+/).slice(1, 11).map(Number);
    const s = (i: number): number => {
      const t = ticks[i];
      return t !== undefined && Number.isFinite(t) && t > 0 ? t / CLK_TCK : 0;
    };
    cores.push({
      user: s(0),
      nice: s(1),
      system: s(2),
      idle: s(3),
      iowait: s(4),
      irq: s(5),
      softirq: s(6),
      steal: s(7),
      guest: s(8),
      guestNice: s(9),
    });
  }
  return cores;
}
