// The PID/PPID forest behind the tree view: each row's parent (a thread's is its process), its
// children in display order and the roots, made whole when the sample is not (orphans,
// self-parents, PPID cycles).

/** What the tree needs of a process; ProcessRow in practice. */
export interface TreeNode {
  readonly pid: number;
  readonly ppid: number;
  /** A user thread's row: the process it belongs to, under which the tree shows it. */
  readonly threadOf?: number | undefined;
}

/** The row a node hangs under: a thread under its process, a process under its parent. */
export function treeParent(row: TreeNode): number {
  return row.threadOf ?? row.ppid;
}

export type Compare<T> = (a: T, b: T) => number;

export interface TreeLinks<T extends TreeNode> {
  readonly rows: readonly T[];
  /** Each row's parent as an index into `rows`; -1 for a root. Never forms a cycle. */
  readonly parent: Int32Array;
  /** The children of row i are `childList[childStart[i]]` up to `childList[childStart[i + 1]]`, in display order. */
  readonly childStart: Int32Array;
  readonly childList: Int32Array;
  /** Row indices of the roots in display order: PID 1 first, then by the comparator. */
  readonly roots: Int32Array;
  /** Rows made roots to break a PPID cycle (the member of each cycle with the lowest PID). */
  readonly cycleRoots: readonly number[];
}

/**
 * A process that starts a tree whatever the rest of the sample says: PID 1 (nothing is above
 * init), a PPID of 0 (started by the kernel: init, kthreadd), or a process naming itself as its
 * parent (impossible on Linux, so the data is wrong and the row must still be shown somewhere).
 */
export function hasNoParent(row: TreeNode): boolean {
  if (row.threadOf !== undefined) return row.threadOf === row.pid;
  return row.pid === 1 || row.ppid === 0 || row.ppid === row.pid;
}

/**
 * Links `rows` into a forest. A row whose parent is not in the sample becomes a root (it was
 * orphaned between reads, or the sample was narrowed). A PPID cycle (A→B→A), which a torn read
 * of /proc can produce, is broken by making its member with the lowest PID a root, so every row
 * is reachable exactly once. With a comparator, siblings and roots are put in display order;
 * without one they keep the input order. When a PID occurs twice, children attach to its first
 * row and both rows are kept. Iterative and O(n log n): depth does not matter.
 */
export function linkTree<T extends TreeNode>(rows: readonly T[], compare?: Compare<T>): TreeLinks<T> {
  const n = rows.length;
  // Every index below is a row's (0 ≤ i < n) and each typed array is n long (childStart n + 1,
  // childList its last count): the `!` on their reads records that, not a guess. Plain index
  // loops, not entries(): this runs each refresh over every process.
  const indexOf = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const pid = rows[i]!.pid;
    if (!indexOf.has(pid)) indexOf.set(pid, i);
  }

  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    parent[i] = hasNoParent(row) ? -1 : (indexOf.get(treeParent(row)) ?? -1);
  }
  const cycleRoots = breakCycles(rows, parent);

  // Children as one flat array grouped by parent (counting sort), cheaper than n small arrays.
  const childStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) if (parent[i]! >= 0) childStart[parent[i]! + 1]!++;
  for (let i = 0; i < n; i++) childStart[i + 1]! += childStart[i]!;
  const childList = new Int32Array(childStart[n]!);
  const fill = childStart.slice(0, n);
  for (let i = 0; i < n; i++) if (parent[i]! >= 0) childList[fill[parent[i]!]!++] = i;

  const rootList: number[] = [];
  for (let i = 0; i < n; i++) if (parent[i]! < 0) rootList.push(i);
  const roots = Int32Array.from(rootList);

  if (compare) {
    const byRow = (a: number, b: number): number => compare(rows[a]!, rows[b]!);
    for (let i = 0; i < n; i++) {
      const start = childStart[i]!;
      const end = childStart[i + 1]!;
      if (end - start > 1) childList.subarray(start, end).sort(byRow);
    }
    roots.sort(byRow);
  }
  // init heads the tree as in htop and pstree, whatever the sort says.
  const init = roots.findIndex((i) => rows[i]!.pid === 1);
  if (init > 0) {
    const first = roots[init]!;
    roots.copyWithin(1, 0, init);
    roots[0] = first;
  }

  return { rows, parent, childStart, childList, roots, cycleRoots };
}

/**
 * Cuts every cycle in `parent` in place and returns the rows made roots. Each row is walked up
 * once: a walk ends at a root, at a row already known to reach one, or back on itself (a cycle).
 */
function breakCycles<T extends TreeNode>(rows: readonly T[], parent: Int32Array): number[] {
  const UNSEEN = 0;
  const ON_WALK = 1;
  const ROOTED = 2;
  const n = rows.length;
  const state = new Uint8Array(n);
  const walkIndex = new Int32Array(n);
  const walk: number[] = [];
  const cycleRoots: number[] = [];

  for (let start = 0; start < n; start++) {
    if (state[start] !== UNSEEN) continue;
    walk.length = 0;
    let i = start;
    for (;;) {
      if (state[i] === ROOTED) break;
      if (state[i] === ON_WALK) {
        // The walk came back to i: the rows from i's place in the walk onwards form the cycle.
        let cut = i;
        for (const member of walk.slice(walkIndex[i]! + 1)) if (rows[member]!.pid < rows[cut]!.pid) cut = member;
        parent[cut] = -1;
        cycleRoots.push(cut);
        break;
      }
      state[i] = ON_WALK;
      walkIndex[i] = walk.length;
      walk.push(i);
      const up = parent[i]!;
      if (up < 0) break;
      i = up;
    }
    for (const w of walk) state[w] = ROOTED;
  }
  return cycleRoots;
}
