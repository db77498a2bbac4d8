// Whether a PID still names the process a row showed: its start time, read again (src/platform),
// compared with the row's at the precision its source has.
import { readProcessIdentity, type IdentityReader, type ProcessIdentity } from '../platform/process-identity.js';

/**
 * A row's start time that is a whole second came from a source with second resolution: ps-list
 * (ps lstart, floored) or systeminformation (now − etime, which drifts by a second between
 * samples and lags by the time the sample took). Measured: 0 to −1 s and +0.4 to +1.2 s from
 * /proc's value. Such rows match within this window; PID reuse inside it goes unnoticed.
 */
export const COARSE_WINDOW_MS = 3000;

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
 * source computes start times as the platform does (its startTimePrecisionMs is 0): compared to
 * the tick. Otherwise a whole-second value is taken as coming from a second-resolution source.
 */
export function checkIdentity(pid: number, rowStartTime: number, exact = false, read: IdentityReader = readProcessIdentity): IdentityCheck {
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
