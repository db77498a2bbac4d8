// What happened to a pool between two of its snapshots, as marks under its "cores busy" graph:
// paused, resumed, a worker gone, a worker started in its place (or added).
import type { PoolSnapshot } from '../pool/pool-snapshot.js';

export type PoolMarkKind = 'paused' | 'resumed' | 'ended' | 'started';

export interface PoolMark {
  /** Monotonic ms, as the history's samples. */
  time: number;
  kind: PoolMarkKind;
}

/** The character each mark is drawn with, and the words of the legend. */
const MARK_CHARS: Record<PoolMarkKind, string> = { paused: 'P', resumed: 'R', ended: 'X', started: '+' };
export const MARK_LEGEND = 'P paused R resumed X ended + new';

/** The changes from `before` to `after`; none for the first snapshot of a pool. */
export function poolChanges(before: PoolSnapshot | null, after: PoolSnapshot | null): PoolMarkKind[] {
  if (!before || !after || before.summary.phase === 'idle') return [];
  const kinds: PoolMarkKind[] = [];
  const paused = (p: PoolSnapshot): number => p.workers.filter((w) => w.state === 'paused').length;
  const was = paused(before);
  const is = paused(after);
  if (is > was) kinds.push('paused');
  if (is < was) kinds.push('resumed');
  const now = new Set(after.workers.map((w) => w.pid));
  const then = new Set(before.workers.map((w) => w.pid));
  if (before.workers.some((w) => !now.has(w.pid))) kinds.push('ended');
  if (after.workers.some((w) => !then.has(w.pid))) kinds.push('started');
  return kinds;
}

/**
 * The marks over (now − spanMs, now] on a line `width` cells wide, blanks elsewhere; where two
 * fall in one cell the later one shows.
 */
export function marksLine(marks: readonly PoolMark[], now: number, spanMs: number, width: number): string {
  const cells = new Array<string>(Math.max(0, width)).fill(' ');
  if (width <= 0 || !(spanMs > 0)) return '';
  const from = now - spanMs;
  for (const mark of marks) {
    if (mark.time <= from || mark.time > now) continue;
    const at = Math.min(width - 1, Math.floor(((mark.time - from) / spanMs) * width));
    cells[at] = MARK_CHARS[mark.kind];
  }
  return cells.join('');
}
