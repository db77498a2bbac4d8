// Values over time as terminal characters: braille (two points a cell, four dots high) or blocks
// (one point a cell, eight levels high), stacked segments kept apart (a core's nice, user and
// system) so the view can colour each cell by the segment at its top.

export type GraphStyle = 'braille' | 'block';
export const GRAPH_STYLES: readonly GraphStyle[] = ['braille', 'block'];

export interface GraphCell {
  char: string;
  /** The segment at the cell's highest mark, bottom segment 0; -1 for an empty cell. */
  segment: number;
}

/** Points a cell holds side by side. */
export function pointsPerCell(style: GraphStyle): number {
  return style === 'braille' ? 2 : 1;
}

const BRAILLE_BASE = 0x2800;
/** Braille dot bits by height in the cell (bottom first): the left column, then the right. */
const LEFT_DOTS = [0x40, 0x04, 0x02, 0x01];
const RIGHT_DOTS = [0x80, 0x20, 0x10, 0x08];
const BLOCKS = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/**
 * A point's segments as cumulative marks out of `marks`: ends[s] is how many marks segments 0..s
 * fill. NaN (no data) fills nothing; negatives count as 0 and the total is cut at 1. Anything
 * above 0 fills at least one mark, so a short spike or a nearly idle core still shows.
 */
function cumulativeMarks(points: ArrayLike<number>, at: number, segments: number, marks: number, ends: Int32Array): boolean {
  let total = 0;
  let any = false;
  for (let s = 0; s < segments; s++) {
    const v = points[at + s] ?? Number.NaN;
    if (Number.isNaN(v)) {
      ends[s] = s > 0 ? ends[s - 1]! : 0;
      continue;
    }
    any = true;
    total = Math.min(1, total + Math.max(0, v));
    ends[s] = total > 0 ? Math.max(1, Math.round(total * marks)) : 0;
  }
  return any;
}

function segmentAt(ends: Int32Array, segments: number, mark: number): number {
  for (let s = 0; s < segments; s++) if (ends[s]! > mark) return s;
  return segments - 1;
}

/**
 * Rows of cells, top row first, for `points` laid out as point p's segment s at p * segments + s
 * (fractions of the graph's height, oldest point first), `height` rows high. The width is the
 * points divided by pointsPerCell(style), rounded up; a last half braille cell is blank.
 */
export function graphCells(points: ArrayLike<number>, segments: number, height: number, style: GraphStyle): GraphCell[][] {
  const count = segments > 0 ? Math.floor(points.length / segments) : 0;
  const perCell = pointsPerCell(style);
  const width = Math.ceil(count / perCell);
  const rows = Math.max(0, Math.floor(height));
  const levels = style === 'braille' ? 4 : 8;
  const marks = rows * levels;
  const out: GraphCell[][] = Array.from({ length: rows }, () => new Array<GraphCell>(width));
  const left = new Int32Array(Math.max(1, segments));
  const right = new Int32Array(Math.max(1, segments));
  for (let x = 0; x < width; x++) {
    const p = x * perCell;
    const hasLeft = cumulativeMarks(points, p * segments, segments, marks, left);
    const hasRight = perCell === 2 && p + 1 < count && cumulativeMarks(points, (p + 1) * segments, segments, marks, right);
    const leftTop = hasLeft ? left[segments - 1]! : 0;
    const rightTop = hasRight ? right[segments - 1]! : 0;
    for (let r = 0; r < rows; r++) {
      const bottom = (rows - 1 - r) * levels;
      if (style === 'block') {
        const filled = Math.min(levels, Math.max(0, leftTop - bottom));
        out[r]![x] = { char: BLOCKS[filled]!, segment: filled > 0 ? segmentAt(left, segments, bottom + filled - 1) : -1 };
        continue;
      }
      const l = Math.min(levels, Math.max(0, leftTop - bottom));
      const rr = Math.min(levels, Math.max(0, rightTop - bottom));
      let bits = 0;
      for (let d = 0; d < l; d++) bits |= LEFT_DOTS[d]!;
      for (let d = 0; d < rr; d++) bits |= RIGHT_DOTS[d]!;
      // The newer point's colour wins where both have dots: the cell shows what is happening now.
      const segment = rr > 0 ? segmentAt(right, segments, bottom + rr - 1) : l > 0 ? segmentAt(left, segments, bottom + l - 1) : -1;
      out[r]![x] = { char: bits === 0 ? ' ' : String.fromCharCode(BRAILLE_BASE + bits), segment };
    }
  }
  return out;
}

/**
 * Rows of blocks (one point a cell, eight levels a row) for stacked parts that must be told apart
 * where a braille cell cannot (the memory meter's parts): a cell the stack fills whole is drawn in
 * `shades[s]` of the part s filling most of it, the cell holding the stack's top in eighth blocks.
 * Each cell's segment is the part filling most of it, so colour follows the parts too.
 */
export function shadedGraphCells(points: ArrayLike<number>, segments: number, height: number, shades: readonly string[]): GraphCell[][] {
  const width = segments > 0 ? Math.floor(points.length / segments) : 0;
  const rows = Math.max(0, Math.floor(height));
  const levels = 8;
  const out: GraphCell[][] = Array.from({ length: rows }, () => new Array<GraphCell>(width));
  const ends = new Int32Array(Math.max(1, segments));
  for (let x = 0; x < width; x++) {
    const top = cumulativeMarks(points, x * segments, segments, rows * levels, ends) ? ends[segments - 1]! : 0;
    for (let r = 0; r < rows; r++) {
      const bottom = (rows - 1 - r) * levels;
      const filled = Math.min(levels, Math.max(0, top - bottom));
      if (filled === 0) {
        out[r]![x] = { char: ' ', segment: -1 };
        continue;
      }
      let most = 0;
      let segment = 0;
      for (let s = 0; s < segments; s++) {
        const covered = Math.min(ends[s]!, bottom + filled) - Math.max(s > 0 ? ends[s - 1]! : 0, bottom);
        if (covered > most) {
          most = covered;
          segment = s;
        }
      }
      out[r]![x] = { char: filled === levels ? (shades[segment] ?? BLOCKS[levels]!) : BLOCKS[filled]!, segment };
    }
  }
  return out;
}

/** One eight-level block for a value 0–1, as graphCells draws a one-row block graph: NaN and 0 blank, anything above 0 at least ▁, 1 and more █. */
export function blockChar(value: number): string {
  if (!(value > 0)) return BLOCKS[0]!;
  return BLOCKS[Math.max(1, Math.round(Math.min(1, value) * 8))]!;
}

/** One line of eight-level blocks for single values 0–1 (NaN: blank): a sparkline. */
export function sparkline(values: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < values.length; i++) out += blockChar(values[i] ?? Number.NaN);
  return out;
}
