// The largest PID this system hands out (kernel.pid_max), below which every PID pooltop takes must be.
import { readFileSync } from 'node:fs';
import { HAS_PROCFS, PROC_ROOT } from './procfs.js';

/** The kernel's ceiling for pid_max on 64-bit systems (PID_MAX_LIMIT), used without /proc. */
export const PID_MAX_LIMIT = 4_194_304;

/**
 * kernel.pid_max: one more than the largest PID this system hands out (proc(5)). Read at each
 * call because `sysctl kernel.pid_max` may change it.
 */
export function readPidMax(): number {
  if (!HAS_PROCFS) return PID_MAX_LIMIT;
  try {
    const value = Number(readFileSync(`${PROC_ROOT}/sys/kernel/pid_max`, 'utf8').trim());
    return Number.isSafeInteger(value) && value >= 2 && value <= PID_MAX_LIMIT ? value : PID_MAX_LIMIT;
  } catch {
    return PID_MAX_LIMIT;
  }
}
