// The process tree as nested data for `pooltop snapshot --json --tree`: each process with its
// children inside it, in the same order as the tree view, and that data written as JSON.
import { jsonSafe } from './json-safe.js';
import { linkTree, type Compare, type TreeNode } from './tree-links.js';

/** A row with its children nested in it. */
export type NestedProcess<T> = T & { children: NestedProcess<T>[] };

export interface ProcessForest<T> {
  roots: NestedProcess<T>[];
}

/**
 * The rows nested under their parents: roots PID 1 first, then by `compare`, children by
 * `compare`. Orphans and broken PPID cycles become roots as in the tree view (see linkTree).
 * Built by filling each node's list in one pass, without recursion, however deep the tree.
 */
export function nestTree<T extends TreeNode>(rows: readonly T[], compare: Compare<T>): ProcessForest<T> {
  const { childStart, childList, roots } = linkTree(rows, compare);
  const nodes: NestedProcess<T>[] = rows.map((row) => ({ ...row, children: [] }));
  // linkTree's indices are rows' (see TreeLinks), so each names a node.
  const node = (i: number): NestedProcess<T> => nodes[i]!;
  for (const [i, { children }] of nodes.entries()) {
    for (const child of childList.subarray(childStart[i], childStart[i + 1])) children.push(node(child));
  }
  return { roots: Array.from(roots, node) };
}

/**
 * `JSON.stringify(forest)` without recursion. V8's JSON.stringify recurses and throws "Maximum
 * call stack size exceeded" near 2,000 levels of nesting, which a PPID chain can reach; this
 * writes the same compact text at any depth. Each row's own fields still go through
 * JSON.stringify, so they are escaped the same way (control characters as \u001b...), and then
 * through jsonSafe, so nothing in the text acts on a terminal it is printed on.
 */
export function forestToJson<T extends TreeNode>(forest: ProcessForest<T>): string {
  const parts: string[] = ['{"roots":['];
  // Each frame is a list of siblings being written and the index of the next one.
  const frames: { list: readonly NestedProcess<T>[]; next: number }[] = [{ list: forest.roots, next: 0 }];
  for (let frame = frames.at(-1); frame !== undefined; frame = frames.at(-1)) {
    const sibling = frame.list[frame.next];
    if (sibling === undefined) {
      // Closes the children array and its node, or for the outermost frame `roots` and the object.
      parts.push(']}');
      frames.pop();
      continue;
    }
    if (frame.next++ > 0) parts.push(',');
    const { children, ...fields } = sibling;
    const head = jsonSafe(JSON.stringify(fields));
    parts.push(head === '{}' ? '{"children":[' : `${head.slice(0, -1)},"children":[`);
    frames.push({ list: children, next: 0 });
  }
  return parts.join('');
}
