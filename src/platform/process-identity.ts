// A process's identity for the PID-reuse check: its name, state and start time, read afresh.
import { DENIED, GONE } from './proc-file.js';
import { readProcessStat } from './process-stat.js';
import { HAS_PROCFS } from './procfs.js';
import { BOOT_TIME_MS, readBootTimeMs, startTimeFromTicks } from './start-time.js';

export interface ProcessIdentity {
  /** Short name from /proc/[pid]/stat, raw (untrusted). */
  comm: string;
  /** One letter: R S D Z T t I ... */
  state: string;
  /** ms since the epoch, as the procfs sampler gives it (start-time.ts, with the boot time read once). */
  startTime: number;
  /** The same with the boot time read now: differs only if the wall clock was stepped since. */
  startTimeNow: number;
}

export type IdentityRead = ProcessIdentity | 'gone' | 'denied' | 'unavailable';

/** Reads a PID's identity; injected in tests. */
export type IdentityReader = (pid: number) => IdentityRead;

/** /proc/[pid]/stat read now; 'unavailable' on systems without /proc. */
export const readProcessIdentity: IdentityReader = (pid) => {
  if (!HAS_PROCFS) return 'unavailable';
  const stat = readProcessStat(pid);
  if (stat === GONE) return 'gone';
  if (stat === DENIED) return 'denied';
  return {
    comm: stat.comm,
    state: stat.state,
    startTime: startTimeFromTicks(stat.startTicks, BOOT_TIME_MS),
    startTimeNow: startTimeFromTicks(stat.startTicks, readBootTimeMs()),
  };
};
