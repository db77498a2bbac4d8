// The tree view's lines: processes in PID/PPID depth-first order with their guides, narrowed by
// a filter that keeps the ancestors of matches, and with collapsed subtrees folded away.
import { GUIDE } from './tree-guide.js';
import { linkTree, type Compare, type TreeNode } from './tree-links.js';

/** One line of the tree view. Fills the store's RowDecoration (guide, dimmed, folded). */
export interface TreeLine<T> {
  row: T;
  /** 0 for a root. */
  depth: number;
  /** Drawn before the command: "" for a root, else 3 cells a level, e.g. "│  ├─ " (see GUIDE). */
  guide: string;
  /** Shown only because a descendant matches the filter; not a match itself. */
  dimmed: boolean;
  /** Descendants hidden under this collapsed line; 0 when expanded or a leaf. */
  folded: number;
  /** Has children among the lines the tree would show expanded (after the filter). */
  hasChildren: boolean;
}

export interface TreeOptions<T> {
  /** Orders siblings and roots, e.g. compareRows(view.sort); PID 1 always comes first. */
  compare: Compare<T>;
  /** PIDs whose descendants are hidden. */
  collapsed?: ReadonlySet<number>;
  /** The filter: when given, only matching rows and their ancestors are shown. */
  matches?: (row: T) => boolean;
}

const HIDDEN = 0;
const ANCESTOR = 1;
const MATCH = 2;

/**
 * The visible lines of the process tree, depth-first. Every row appears exactly once (when no
 * filter or collapse hides it), whatever its PPID says: see linkTree for orphans and cycles.
 * Nothing recurses, so a chain 100,000 deep is as safe as a flat list.
 */
export function buildTree<T extends TreeNode>(rows: readonly T[], options: TreeOptions<T>): TreeLine<T>[] {
  const { parent, childStart, childList, roots } = linkTree(rows, options.compare);
  const collapsed = options.collapsed;
  const n = rows.length;

  const shown = options.matches ? markShown(rows, parent, options.matches) : null;
  const isShown = (i: number): boolean => shown === null || shown[i] !== HIDDEN;

  // Every index below is a row's (0 ≤ i < n) and every typed array is n long (childStart n + 1),
  // as linkTree built them: the `!` on their reads records that, not a guess.

  // Pass 1: the whole shown forest in pre-order, ignoring collapse, so each subtree is one
  // contiguous run of `order` whose length is its size: folding is then skipping that run.
  const order = new Int32Array(n);
  const depth = new Int32Array(n);
  const isLast = new Uint8Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  for (let k = roots.length - 1; k >= 0; k--) if (isShown(roots[k]!)) stack[top++] = roots[k]!;
  let count = 0;
  while (top > 0) {
    const i = stack[--top]!;
    order[count++] = i;
    // Pushed in reverse so the first child is popped first; the first pushed is the last shown.
    let last = true;
    for (let c = childStart[i + 1]! - 1; c >= childStart[i]!; c--) {
      const child = childList[c]!;
      if (!isShown(child)) continue;
      depth[child] = depth[i]! + 1;
      isLast[child] = last ? 1 : 0;
      last = false;
      stack[top++] = child;
    }
  }

  // Subtree sizes: in reverse pre-order every child is counted before its parent.
  const size = new Int32Array(n).fill(1);
  for (let k = count - 1; k > 0; k--) {
    const i = order[k]!;
    const p = parent[i]!;
    if (p >= 0) size[p]! += size[i]!;
  }

  // Pass 2: the lines, skipping folded runs. A parent's line always comes before its children's,
  // so the prefix its children continue from is ready when they need it.
  const childPrefix: string[] = new Array<string>(n);
  const lines: TreeLine<T>[] = [];
  for (let k = 0; k < count; ) {
    const i = order[k]!;
    const row = rows[i]!;
    const subtree = size[i]!;
    const hasChildren = subtree > 1;
    const folded = hasChildren && collapsed?.has(row.pid) === true;
    let guide: string;
    if (depth[i] === 0) {
      guide = folded ? GUIDE.foldedRoot : '';
      childPrefix[i] = '';
    } else {
      const prefix = childPrefix[parent[i]!]!;
      const last = isLast[i] === 1;
      guide = prefix + (last ? (folded ? GUIDE.lastFoldedBranch : GUIDE.lastBranch) : folded ? GUIDE.foldedBranch : GUIDE.branch);
      // Long prefixes are joined, not copied (V8 cons strings), so deep trees stay linear.
      if (hasChildren && !folded) childPrefix[i] = prefix + (last ? GUIDE.blank : GUIDE.pass);
    }
    lines.push({
      row,
      depth: depth[i]!,
      guide,
      dimmed: shown !== null && shown[i] !== MATCH,
      folded: folded ? subtree - 1 : 0,
      hasChildren,
    });
    k += folded ? subtree : 1;
  }
  return lines;
}

/** Which rows the filter shows: the matches, and every ancestor of a match so the tree stays connected. */
function markShown<T extends TreeNode>(rows: readonly T[], parent: Int32Array, matches: (row: T) => boolean): Uint8Array {
  const shown = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) if (matches(rows[i]!)) shown[i] = MATCH;
  for (let i = 0; i < rows.length; i++) {
    if (shown[i] !== MATCH) continue;
    // Stop at the first row already shown: its ancestors are marked, or will be from it.
    for (let p = parent[i]!; p >= 0 && shown[p] === HIDDEN; p = parent[p]!) shown[p] = ANCESTOR;
  }
  return shown;
}
