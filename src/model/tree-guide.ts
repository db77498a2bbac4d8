// The tree guides drawn before a command ("│  ├─ "), and fitting a deep guide into a width.
import { cutToWidth, displayWidth } from './text-width.js';

/**
 * The pieces a guide is made of, one level each and 3 cells wide, as htop and pstree draw them.
 * A collapsed node with hidden children shows `+` where its branch would go on (htop's mark).
 */
export const GUIDE = {
  /** A child with later siblings. */
  branch: '├─ ',
  /** The last child. */
  lastBranch: '└─ ',
  /** A collapsed child with later siblings. */
  foldedBranch: '├+ ',
  /** The last child, collapsed. */
  lastFoldedBranch: '└+ ',
  /** Under an ancestor that has later siblings: its line continues down. */
  pass: '│  ',
  /** Under an ancestor that was the last child. */
  blank: '   ',
  /** A collapsed root: roots have no branch, so the mark stands alone. */
  foldedRoot: '+ ',
} as const;

/** Cells per level of a guide. */
const LEVEL_WIDTH = 3;

/** Starts the marker that replaces the outer levels of a guide too deep for its width. */
export const ELISION = '⋯';

/** Every character a guide is drawn with; each is one cell wide. */
const GLYPHS = /^[│├└─+ ]*$/;

/**
 * The guide cut to at most `budget` cells, so a deep tree never wraps. A guide that fits is
 * returned as is. Otherwise the outer levels are replaced by `⋯N ` (N = how many levels are
 * hidden, so the process's depth is N plus the levels still drawn) and the innermost levels,
 * nearest the process, are kept.
 *
 * N moves in steps of half the levels that fit rather than one per level: lines whose depths
 * fall in the same step hide the same levels, so their guides still line up as a staircase and
 * a child is still drawn one level right of its parent. When not even one level fits beside the
 * marker, the innermost level is kept alone, cut if need be.
 */
export function fitGuide(guide: string, budget: number): string {
  if (budget <= 0) return '';
  // Guides of GUIDE's glyphs are one cell a character: skip string-width on a 300,000-char guide.
  const ours = GLYPHS.test(guide);
  if ((ours ? guide.length : displayWidth(guide)) <= budget) return guide;
  // Not whole levels of our glyphs (a folded root's "+ ", a foreign string): nothing to elide, only to cut.
  if (!ours || guide.length % LEVEL_WIDTH !== 0) return cutToWidth(guide, budget);

  const levels = guide.length / LEVEL_WIDTH;
  const innermost = guide.slice(-LEVEL_WIDTH);
  // At most levels - 1 are hidden, so the widest marker has that many digits.
  const markerWidth = displayWidth(ELISION) + String(levels - 1).length + 1;
  const slots = Math.floor((budget - markerWidth) / LEVEL_WIDTH);
  if (slots < 1) return cutToWidth(innermost, budget);

  const step = Math.max(1, Math.floor(slots / 2));
  // The fewest hidden levels that is a multiple of `step` and leaves at most `slots` drawn.
  const hidden = Math.min(levels - 1, Math.ceil((levels - slots) / step) * step);
  return `${ELISION}${hidden} ${guide.slice(hidden * LEVEL_WIDTH)}`;
}
