// Walking the PPID links of one process: up to its root (the `a` key's chain of parents) and down
// to everything below it (tag with descendants, kill a subtree). Safe on cycles and gaps.
import { hasNoParent, treeParent, type TreeNode } from './tree-links.js';

/** Why the chain of parents stopped. */
type AncestryEnd =
  /** At a process without a parent: PID 1, a child of PID 0 such as kthreadd, or a self-parent. */
  | { kind: 'root' }
  /** The last process's parent is not in the sample: it exited ("parent 1234 is gone"). */
  | { kind: 'missing-parent'; ppid: number }
  /** The PPIDs loop back to `pid`, already in the chain (inconsistent data, not a real state). */
  | { kind: 'cycle'; pid: number };

export interface Ancestry<T> {
  /** The process itself first, then its parent, its grandparent... ending at the root. */
  chain: T[];
  end: AncestryEnd;
}

/** The chain of parents of `pid`, or null when `pid` is not in `rows`. O(rows) for the lookup. */
export function ancestry<T extends TreeNode>(rows: readonly T[], pid: number): Ancestry<T> | null {
  const byPid = new Map<number, T>();
  for (const row of rows) if (!byPid.has(row.pid)) byPid.set(row.pid, row);
  let row = byPid.get(pid);
  if (!row) return null;

  const chain: T[] = [];
  const seen = new Set<number>();
  for (;;) {
    chain.push(row);
    seen.add(row.pid);
    if (hasNoParent(row)) return { chain, end: { kind: 'root' } };
    const up = byPid.get(treeParent(row));
    if (!up) return { chain, end: { kind: 'missing-parent', ppid: treeParent(row) } };
    if (seen.has(up.pid)) return { chain, end: { kind: 'cycle', pid: up.pid } };
    row = up;
  }
}

/**
 * Every PID below `pid`, parents before their children (breadth-first), without `pid` itself
 * and without thread rows;
 * each PID once even when the PPIDs loop. Reverse it to signal the leaves first. Follows the
 * PPIDs as read, except into the processes that start a tree (see hasNoParent): PID 1 is never
 * anyone's descendant.
 */
export function descendants<T extends TreeNode>(rows: readonly T[], pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const row of rows) {
    // A thread is part of its process: a signal to the process reaches it already.
    if (hasNoParent(row) || row.threadOf !== undefined) continue;
    const list = children.get(row.ppid);
    if (list) list.push(row.pid);
    else children.set(row.ppid, [row.pid]);
  }
  const found: number[] = [];
  const seen = new Set<number>([pid]);
  const expand = (parent: number): void => {
    for (const child of children.get(parent) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      found.push(child);
    }
  };
  expand(pid);
  // `found` doubles as the queue: an array's for-of also visits what is pushed during it.
  for (const parent of found) expand(parent);
  return found;
}
