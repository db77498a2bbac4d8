// Whether a PID still names the process a row showed: its start time, read again from /proc.
import { existsSync, readFileSync } from 'node:fs';
import { parseBootTime, parseProcStat } from '../sampling/parse-proc.js';
import { DENIED, GONE, readProcFile } from '../sampling/read-proc-file.js';

/**
 * Clock ticks per second, as the procfs sampler assumes (sysconf(_SC_CLK_TCK) is 100 on every
 * Linux architecture Node runs on). Must stay equal to the sampler's, or no start time matches.
 */
const CLK_TCK = 100;

/**
 * A row's start time that is a whole second came from a source with second resolution: ps-list
 * (ps lstart, floored) or systeminformation (now − etime, which drifts by a second between
 * samples and lags by the time the sample took). Measured: 0 to −1 s and +0.4 to +1.2 s from
 * /proc's value. Such rows match within this window; PID reuse inside it goes unnoticed.
 */
export const COARSE_WINDOW_MS = 3000;

export interface ProcessIdentity {
  /** Short name from /proc/[pid]/stat, raw (untrusted). */
  comm: string;
  /** One letter: R S D Z T t I ... */
  state: string;
  /**
   * ms since the epoch, by the sampler's formula (btime × 1000 + start ticks × 1000 / 100) with
   * the boot time read when this module loaded, as the sampler reads it once when created.
   */
  startTime: number;
  /** The same with the boot time read now: differs only if the wall clock was stepped since. */
  startTimeNow: number;
}

export type IdentityRead = ProcessIdentity | 'gone' | 'denied' | 'unavailable';

/** Reads a PID's identity; injected in tests. */
export type IdentityReader = (pid: number) => IdentityRead;

const HAS_PROCFS = process.platform === 'linux' && existsSync('/proc/self/stat');

function readBootTimeMs(): number {
  try {
    return parseBootTime(readFileSync('/proc/stat', 'utf8')) * 1000;
  } catch {
    return 0;
  }
}

const BOOT_TIME_AT_LOAD_MS = HAS_PROCFS ? readBootTimeMs() : 0;

/** The sampler's ProcessInfo.startTime for a process that started `startTicks` after boot. */
export function startTimeFromTicks(startTicks: number, bootTimeMs = BOOT_TIME_AT_LOAD_MS): number {
  return bootTimeMs + (startTicks * 1000) / CLK_TCK;
}

/** /proc/[pid]/stat read now; 'unavailable' on systems without /proc. */
export const readProcessIdentity: IdentityReader = (pid) => {
  if (!HAS_PROCFS) return 'unavailable';
  const text = readProcFile(`/proc/${pid}/stat`);
  if (text === GONE) return 'gone';
  if (text === DENIED) return 'denied';
  const stat = parseProcStat(text);
  if (!stat || stat.pid !== pid) return 'denied';
  return {
    comm: stat.comm,
    state: stat.state,
    startTime: startTimeFromTicks(stat.startTicks),
    startTimeNow: startTimeFromTicks(stat.startTicks, readBootTimeMs()),
  };
};

export type IdentityCheck =
  /** Same start time: the same process. 'seconds' when compared within COARSE_WINDOW_MS. */
  | { verdict: 'same'; precision: 'exact' | 'seconds'; identity: ProcessIdentity }
  /** No check was possible: the row had no start time, or the system has no /proc. */
  | { verdict: 'unchecked'; why: 'no-start-time' | 'no-procfs' }
  /** The PID now names a process that started at another time. */
  | { verdict: 'different'; identity: ProcessIdentity }
  /** No /proc entry: the process has exited (or is hidden from pooltop). */
  | { verdict: 'gone' }
  /** /proc/[pid]/stat exists but cannot be read (hidepid): the process cannot be confirmed. */
  | { verdict: 'unreadable' };

/**
 * Compares the start time a row showed with the PID's start time now. `exact` says the row's
 * value came from /proc (the procfs sampler): compared to the tick. Otherwise a whole-second
 * value is taken as coming from a second-resolution source.
 */
export function checkIdentity(
  pid: number,
  rowStartTime: number,
  exact = false,
  read: IdentityReader = readProcessIdentity,
): IdentityCheck {
  // 0 is how sources say "cannot tell"; a negative or non-finite value is no better.
  if (!Number.isFinite(rowStartTime) || rowStartTime <= 0) return { verdict: 'unchecked', why: 'no-start-time' };
  const identity = read(pid);
  if (identity === 'unavailable') return { verdict: 'unchecked', why: 'no-procfs' };
  if (identity === 'gone') return { verdict: 'gone' };
  if (identity === 'denied') return { verdict: 'unreadable' };
  if (rowStartTime === identity.startTime || rowStartTime === identity.startTimeNow) {
    return { verdict: 'same', precision: 'exact', identity };
  }
  if (!exact && rowStartTime % 1000 === 0) {
    const near = (value: number): boolean => Math.abs(value - rowStartTime) < COARSE_WINDOW_MS;
    if (near(identity.startTime) || near(identity.startTimeNow)) {
      return { verdict: 'same', precision: 'seconds', identity };
    }
  }
  return { verdict: 'different', identity };
}
