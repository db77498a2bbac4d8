// When a process started, as ms since the epoch: the boot time from /proc/stat and the one formula
// that turns a process's start ticks into a date. A row's start time and the PID-reuse check's
// reading of the same process are equal only because both come from here.
import { readFileSync } from 'node:fs';
import { ticksToMs } from './kernel-units.js';
import { HAS_PROCFS, PROC_ROOT } from './procfs.js';

/** The "btime" line of /proc/stat: boot time in seconds since the epoch, or 0. */
export function parseBootTime(text: string): number {
  const match = /^btime (\d+)$/m.exec(text);
  return match ? Number(match[1]) : 0;
}

/**
 * The boot time in ms since the epoch, read now; 0 without /proc. The kernel derives btime from
 * the wall clock, so it moves only when the clock is stepped. Without it start times are relative
 * to an unknown boot: still stable, so still usable for the PID-reuse check; only their display
 * as dates would be wrong.
 */
export function readBootTimeMs(root = PROC_ROOT): number {
  try {
    return parseBootTime(readFileSync(`${root}/stat`, 'utf8')) * 1000;
  } catch {
    return 0;
  }
}

/** The boot time read once, as this module loads: as the procfs sampler reads it once when created. */
export const BOOT_TIME_MS = HAS_PROCFS ? readBootTimeMs() : 0;

/** ProcessInfo.startTime of a process that started `startTicks` (stat field 22) after boot. */
export function startTimeFromTicks(startTicks: number, bootTimeMs = BOOT_TIME_MS): number {
  return bootTimeMs + ticksToMs(startTicks);
}
