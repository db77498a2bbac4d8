// When a process started, as ms since the epoch: the boot time and the one formula that turns a
// process's start ticks into a date. A row's start time and the PID-reuse check's reading of the
// same process are equal only because both come from here.
import { readFileSync } from 'node:fs';
import { ticksToMs } from './kernel-units.js';
import { HAS_PROCFS, PROC_ROOT } from './procfs.js';

/** The "btime" line of /proc/stat: boot time in seconds since the epoch, or 0. */
export function parseBootTime(text: string): number {
  const match = /^btime (\d+)$/m.exec(text);
  return match ? Number(match[1]) : 0;
}

/** Readings of the clock against /proc/uptime; the earliest boot they give is the least delayed. */
const UPTIME_READINGS = 5;

/**
 * The boot time in ms since the epoch, read now; 0 without /proc. btime is whole seconds, cut
 * (not rounded), so start times from it alone are up to a second early (half a second on
 * average). The clock less /proc/uptime (hundredths, also cut) gives it to ~10 ms; kept within
 * btime's second, so the two never disagree on which second it was. The kernel derives both from
 * the wall clock, so they move only when the clock is stepped.
 */
export function readBootTimeMs(root = PROC_ROOT): number {
  let btime: number;
  try {
    btime = parseBootTime(readFileSync(`${root}/stat`, 'utf8')) * 1000;
  } catch {
    return 0;
  }
  if (btime === 0) return 0;
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < UPTIME_READINGS; i++) {
    let uptime: number;
    try {
      uptime = Number.parseFloat(readFileSync(`${root}/uptime`, 'utf8'));
    } catch {
      return btime;
    }
    if (!Number.isFinite(uptime)) return btime;
    // Cut hundredths make uptime read low and the boot late: the earliest reading is nearest.
    best = Math.min(best, Date.now() - Math.round(uptime * 1000));
  }
  // A reading outside btime's second means the clock moved between the two reads: trust btime.
  return best >= btime && best < btime + 1000 ? Math.floor(best / 10) * 10 : btime;
}

/**
 * The boot time read once per process: every start time of this process uses it. The monitor
 * loads this module twice (the tsc output and its copy in the UI bundle), and two readings may
 * be 10 ms apart, which the PID-reuse check (comparing start times exactly) would take for
 * another process: so the first reading is kept on globalThis, where both copies find it.
 */
const BOOT_TIME_KEY = Symbol.for('pooltop.bootTimeMs');
const shared = globalThis as { [BOOT_TIME_KEY]?: number };
if (HAS_PROCFS) shared[BOOT_TIME_KEY] ??= readBootTimeMs();
export const BOOT_TIME_MS = shared[BOOT_TIME_KEY] ?? 0;

/**
 * The boot time now: BOOT_TIME_MS unless the wall clock has been stepped since it was read (a
 * fresh reading more than a second away), so equal ticks keep giving equal start times.
 */
export function currentBootTimeMs(root = PROC_ROOT): number {
  const now = readBootTimeMs(root);
  return root === PROC_ROOT && Math.abs(now - BOOT_TIME_MS) < 1000 ? BOOT_TIME_MS : now;
}

/** ProcessInfo.startTime of a process that started `startTicks` (stat field 22) after boot. */
export function startTimeFromTicks(startTicks: number, bootTimeMs = BOOT_TIME_MS): number {
  return bootTimeMs + ticksToMs(startTicks);
}
