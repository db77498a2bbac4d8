// The process tree as plain text lines for `pooltop snapshot --tree`: the caller's columns, then
// the guide and the command, all made safe to print and, given a width, cut so nothing wraps.
import type { TreeLine } from './build-tree.js';
import { sanitizeText } from './sanitize.js';
import { fitGuide } from './tree-guide.js';
import type { TreeNode } from './tree-links.js';
import { cutToWidth, displayWidth } from './text-width.js';

export interface TreeTextOptions {
  /** Cells per line; lines are cut to it. Omitted: no limit (e.g. output into a pipe). */
  width?: number;
  /** The most of the command column the guide may take before its outer levels are elided. */
  guideShare?: number;
}

/**
 * One text line per tree line: `formatRow(row)` (the columns before the command, e.g. PID and
 * USER), the guide, then the command. The columns and the command come from the process and are
 * sanitized here, so the result is plain text: no styling survives, nor any escape sequence.
 */
export function treeText<T extends TreeNode & { command: string }>(
  lines: readonly TreeLine<T>[],
  formatRow: (row: T) => string,
  options: TreeTextOptions = {},
): string[] {
  const { width, guideShare = 0.5 } = options;
  return lines.map((line) => {
    const columns = sanitizeText(formatRow(line.row));
    const command = sanitizeText(line.row.command);
    if (width === undefined) return columns + line.guide + command;
    const head = cutToWidth(columns, width);
    const room = width - displayWidth(head);
    const guide = fitGuide(line.guide, Math.floor(room * guideShare));
    return head + guide + cutToWidth(command, room - displayWidth(guide));
  });
}
