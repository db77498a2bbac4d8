// The set of collapsed PIDs as the `+` `-` `*` keys change it. Every change returns a new set, so
// the store sees a new value; an unchanged set is returned as is, so nothing re-renders.
import { descendants } from './ancestry.js';
import { linkTree, type TreeNode } from './tree-links.js';

/** Every PID that has children in the tree: everything folded down to the roots. */
export function collapseAll<T extends TreeNode>(rows: readonly T[]): Set<number> {
  const { childStart } = linkTree(rows);
  const pids = new Set<number>();
  for (let i = 0; i < rows.length; i++) if (childStart[i + 1]! > childStart[i]!) pids.add(rows[i]!.pid);
  return pids;
}

/** `*`: expand everything when anything is collapsed, else collapse everything. */
export function toggleAll<T extends TreeNode>(rows: readonly T[], collapsed: ReadonlySet<number>): ReadonlySet<number> {
  return collapsed.size > 0 ? new Set() : collapseAll(rows);
}

/** `-`: hide the subtree below `pid`. */
export function collapseNode(collapsed: ReadonlySet<number>, pid: number): ReadonlySet<number> {
  if (collapsed.has(pid)) return collapsed;
  return new Set(collapsed).add(pid);
}

/** `+`: show the children of `pid` (its collapsed descendants stay collapsed, as in htop). */
export function expandNode(collapsed: ReadonlySet<number>, pid: number): ReadonlySet<number> {
  if (!collapsed.has(pid)) return collapsed;
  const next = new Set(collapsed);
  next.delete(pid);
  return next;
}

/** Show everything below `pid`: it and all its descendants expanded. */
export function expandSubtree<T extends TreeNode>(rows: readonly T[], collapsed: ReadonlySet<number>, pid: number): ReadonlySet<number> {
  if (collapsed.size === 0) return collapsed;
  const next = new Set(collapsed);
  next.delete(pid);
  for (const below of descendants(rows, pid)) next.delete(below);
  return next.size === collapsed.size ? collapsed : next;
}

/**
 * The set without PIDs that are no longer in the sample, so a PID reused by a new process does not
 * start out collapsed and the set does not grow without end. Meant to run on each new sample.
 */
export function pruneCollapsed<T extends TreeNode>(collapsed: ReadonlySet<number>, rows: readonly T[]): ReadonlySet<number> {
  if (collapsed.size === 0) return collapsed;
  const present = new Set<number>();
  for (const row of rows) if (collapsed.has(row.pid)) present.add(row.pid);
  return present.size === collapsed.size ? collapsed : present;
}
