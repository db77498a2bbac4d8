// Display width of sanitized text in terminal cells, and cutting or padding text to a width, so
// columns stay aligned. Measured one code point at a time by the C library's widths
// (code-point-width.ts), as tmux, xterm and VTE place text, not by grapheme clusters: a cluster's
// width is where terminals disagree, and sanitizeText has already drawn those in a certain form.
import { codePointWidth } from './code-point-width.js';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Cells of one code point in a line: controls 0 (sanitized text has none; string-width says 0
 * too) and other unprintable code points 1, never less than a terminal gives them.
 */
function cells(codePoint: number): number {
  if (codePoint >= 0x20 && codePoint < 0x7f) return 1;
  const width = codePointWidth(codePoint);
  if (width >= 0) return width;
  return codePoint < 0xa0 ? 0 : 1;
}

export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (code > 0xffff) i++;
    width += cells(code);
  }
  return width;
}

/**
 * The longest prefix of `text` that fits in `width` cells, cut between code points (the
 * zero-width ones after the last that fits stay with it); when a wide character does not fit,
 * the remaining cell is filled with a space so the column stays exact.
 */
export function cutToWidth(text: string, width: number): string {
  return cut(text, width).text;
}

/**
 * `text` without its first `count` cells (a scrolled view of it). A wide character cut in two
 * leaves a space for its half that stays; the zero-width code points after a dropped character
 * go with it.
 */
export function dropCells(text: string, count: number): string {
  if (count <= 0) return text;
  if (PRINTABLE_ASCII.test(text)) return text.slice(count);
  let used = 0;
  let i = 0;
  while (i < text.length && used < count) {
    const code = text.codePointAt(i)!;
    used += cells(code);
    i += code > 0xffff ? 2 : 1;
  }
  while (i < text.length) {
    const code = text.codePointAt(i)!;
    if (cells(code) !== 0) break;
    i += code > 0xffff ? 2 : 1;
  }
  return ' '.repeat(Math.max(0, used - count)) + text.slice(i);
}

/** Text cut or padded with spaces to exactly `width` cells; `align` 'right' pads on the left. */
export function fitWidth(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const { text: shown, used } = cut(text, width);
  if (used >= width) return shown;
  return align === 'left' ? shown + ' '.repeat(width - used) : ' '.repeat(width - used) + shown;
}

/** cutToWidth, and the cells the result takes. */
function cut(text: string, width: number): { text: string; used: number } {
  if (width <= 0) return { text: '', used: 0 };
  if (PRINTABLE_ASCII.test(text)) return text.length <= width ? { text, used: text.length } : { text: text.slice(0, width), used: width };
  let used = 0;
  let end = 0;
  // Where the last character that takes cells starts and ends, and its cells.
  let baseStart = 0;
  let baseEnd = 0;
  let baseWidth = 0;
  while (end < text.length) {
    const code = text.codePointAt(end)!;
    const w = cells(code);
    if (used + w > width) break;
    used += w;
    const next = end + (code > 0xffff ? 2 : 1);
    if (w > 0) [baseStart, baseEnd, baseWidth] = [end, next, w];
    end = next;
  }
  // With automatic wrap off, tmux puts a combining mark that follows a character in the last
  // column on the character before it. Text that fills its cells never ends in marks: their
  // character gives way to spaces.
  if (used === width && end > baseEnd) return { text: text.slice(0, baseStart) + ' '.repeat(baseWidth), used };
  if (end === text.length) return { text, used };
  return used < width ? { text: text.slice(0, end) + ' '.repeat(width - used), used: width } : { text: text.slice(0, end), used };
}
