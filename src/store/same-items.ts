// Keeping the previous array or map when a new one holds the same things: the store's selectors
// compare by identity, so a refresh that changed nothing in a part of the state re-renders nothing
// that reads it (and the view's work for it, a sort or a tree, is skipped).
import type { RowDecoration } from './compute-visible.js';

/** `previous` when `next` holds the same items (by identity) in the same order, else `next`. */
export function sameItemsOr<T>(previous: T[], next: T[]): T[] {
  if (previous === next) return previous;
  if (previous.length !== next.length) return next;
  for (let i = 0; i < next.length; i++) if (previous[i] !== next[i]) return next;
  return previous;
}

/** `previous` when `next` decorates the same PIDs the same way (tree guides, dimming, folds), else `next`. */
export function sameDecorationsOr(previous: ReadonlyMap<number, RowDecoration>, next: ReadonlyMap<number, RowDecoration>): ReadonlyMap<number, RowDecoration> {
  if (previous === next) return previous;
  if (previous.size !== next.size) return next;
  for (const [pid, d] of next) {
    const p = previous.get(pid);
    if (!p || p.guide !== d.guide || p.dimmed !== d.dimmed || p.folded !== d.folded) return next;
  }
  return previous;
}
