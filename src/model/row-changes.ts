// htop's "highlight new and old processes": which rows started a moment ago, and the rows of
// processes that exited since the last refresh, kept one more refresh so a short-lived process is
// seen at all.
import type { ProcessRow } from './process-row.js';

export type RowChange = 'new' | 'gone';

export const NO_CHANGES: ReadonlyMap<number, RowChange> = new Map();

export interface ChangeOptions {
  /** Date.now() of the sample. */
  now: number;
  /** A row whose process started less than this long before `now` is new. */
  newForMs: number;
  /** Thread rows are being read: only then is a thread missing from the sample gone (not merely hidden). */
  threadsListed: boolean;
}

/**
 * `rows` with the rows of `previous` that are no longer there (same PID and start time) added at
 * the end, and each new or gone row marked. `previousChanges` tells which rows of `previous` were
 * themselves kept after their exit: they go now. New is told by start time, not by when pooltop
 * first saw a row, so turning on threads (H) does not mark every thread new; a source that cannot
 * tell start times (0) marks nothing new.
 */
export function markChanges(
  previous: readonly ProcessRow[],
  previousChanges: ReadonlyMap<number, RowChange>,
  rows: readonly ProcessRow[],
  options: ChangeOptions,
): { rows: ProcessRow[]; changes: ReadonlyMap<number, RowChange> } {
  const changes = new Map<number, RowChange>();
  const present = new Map<number, number>();
  for (const row of rows) {
    present.set(row.pid, row.startTime);
    if (row.startTime > 0 && options.now - row.startTime < options.newForMs) changes.set(row.pid, 'new');
  }
  const kept = [...rows];
  for (const row of previous) {
    if (previousChanges.get(row.pid) === 'gone' || present.get(row.pid) === row.startTime) continue;
    if (row.threadOf !== undefined && !options.threadsListed) continue;
    // A PID reused already shows its new process; the old one is not drawn over it.
    if (present.has(row.pid)) continue;
    kept.push(row);
    changes.set(row.pid, 'gone');
  }
  return { rows: kept, changes: changes.size > 0 ? changes : NO_CHANGES };
}
