// The cells a terminal gives one code point, as the C library's wcwidth() says (the generated
// table in wcwidth-table.ts): tmux, xterm and VTE place text by it, one code point at a time.
import { WIDTH_RANGES } from './wcwidth-table.js';

/** -1: not printable (a control, a surrogate, a code point the table's Unicode does not assign). */
export type CodePointWidth = -1 | 0 | 1 | 2;

/** The Basic Multilingual Plane, one byte a code point: built on first use from the ranges (64 KiB). */
let bmp: Int8Array | null = null;
/** The ranges above U+FFFF, searched by halving: rare in process names, 300-odd triples. */
let astralStarts: number[] = [];
let astralTriples: number[] = [];

function buildTables(): Int8Array {
  const table = new Int8Array(0x10000).fill(1);
  const astral: number[] = [];
  for (let i = 0; i < WIDTH_RANGES.length; i += 3) {
    const first = WIDTH_RANGES[i]!;
    const last = WIDTH_RANGES[i + 1]!;
    const width = WIDTH_RANGES[i + 2]!;
    if (first <= 0xffff) table.fill(width, first, Math.min(last, 0xffff) + 1);
    if (last > 0xffff) astral.push(Math.max(first, 0x10000), last, width);
  }
  astralTriples = astral;
  astralStarts = astral.filter((_, i) => i % 3 === 0);
  return table;
}

export function codePointWidth(codePoint: number): CodePointWidth {
  bmp ??= buildTables();
  if (codePoint <= 0xffff) return bmp[codePoint] as CodePointWidth;
  // The last range starting at or before the code point, if it reaches it.
  let low = 0;
  let high = astralStarts.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (astralStarts[mid]! <= codePoint) low = mid + 1;
    else high = mid - 1;
  }
  if (high < 0 || astralTriples[high * 3 + 1]! < codePoint) return 1;
  return astralTriples[high * 3 + 2] as CodePointWidth;
}
