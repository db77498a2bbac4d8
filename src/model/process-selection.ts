// The bounded set of processes the exporter gives series of its own: those that pass -p, -u and
// --match, the busiest `top` of them. Every process is a series per metric in Prometheus, so
// however many match, never more than `top` are chosen (MAX_TOP at most).
import type { ProcessRow } from './process-row.js';

/** The most processes --top may ask for: 1,000 processes are ~6,000 series, a large exporter's worth. */
export const MAX_TOP = 1000;
export const DEFAULT_TOP = 10;

export interface ProcessSelection {
  pids: ReadonlySet<number> | null;
  user: string | null;
  /** Tested against the whole command line. */
  match: RegExp | null;
  /** How many of the matching processes to choose, 0 … MAX_TOP. */
  top: number;
}

export interface ChosenProcesses {
  /** At most `top`, the busiest first. */
  chosen: ProcessRow[];
  /** How many passed the filters, before the cap. */
  matching: number;
}

/**
 * The command lines already tested against a regex: a process's command line only changes when
 * it execs, so each is tested once, not on every sample (and a slow regex on a long, hostile
 * command line costs its time once). Bounded: cleared when it holds more than this many.
 */
const MATCH_CACHE_LIMIT = 8192;

export class ProcessChooser {
  private readonly matched = new Map<string, boolean>();

  constructor(readonly selection: ProcessSelection) {}

  choose(rows: readonly ProcessRow[]): ChosenProcesses {
    const { pids, user, top } = this.selection;
    const candidates: ProcessRow[] = [];
    for (const row of rows) {
      if (pids && !pids.has(row.pid)) continue;
      if (user !== null && row.user !== user) continue;
      if (!this.matches(row.command)) continue;
      candidates.push(row);
    }
    // Keeping the `top` best in one pass is far cheaper than sorting every match
    // (docs/performance.md), but it costs up to `top` moves a row, so a large --top sorts instead.
    const chosen = top * 8 < candidates.length ? busiest(candidates, top) : candidates.sort(byCpu).slice(0, top);
    return { chosen, matching: candidates.length };
  }

  private matches(command: string): boolean {
    const { match } = this.selection;
    if (match === null) return true;
    let hit = this.matched.get(command);
    if (hit === undefined) {
      if (this.matched.size >= MATCH_CACHE_LIMIT) this.matched.clear();
      hit = match.test(command);
      this.matched.set(command, hit);
    }
    return hit;
  }
}

/** CPU% over the last interval, then CPU time (the first sample has no CPU% yet), then PID. */
function byCpu(a: ProcessRow, b: ProcessRow): number {
  return b.cpu - a.cpu || b.cpuTime - a.cpuTime || a.pid - b.pid;
}

/** The `n` first rows in byCpu order, in that order: one pass keeping a sorted list of the best. */
function busiest(rows: readonly ProcessRow[], n: number): ProcessRow[] {
  const best: ProcessRow[] = [];
  if (n <= 0) return best;
  for (const row of rows) {
    if (best.length === n) {
      if (byCpu(row, best[n - 1]!) >= 0) continue;
      best.pop();
    }
    let i = best.length;
    while (i > 0 && byCpu(row, best[i - 1]!) < 0) i--;
    best.splice(i, 0, row);
  }
  return best;
}
