// A frame's line as the terminal's cells: one character and its SGR style each, or null when the
// line holds anything whose place on screen pooltop cannot be sure of (an escape other than SGR,
// a control, a wide, zero-width or emoji-like character). The frame writer changes single cells
// only of lines it is sure of, and rewrites any other line whole, so the cursor never desyncs.
import { codePointWidth } from '../../model/code-point-width.js';

/** SGR attributes that take one parameter to set (1 bold … 9 crossed out). */
const ATTRIBUTES = [1, 2, 3, 4, 5, 7, 8, 9] as const;
/** The parameter that turns each off (22 ends both bold and faint). */
const ATTRIBUTE_OFF = new Map<number, number>([
  [22, (1 << 1) | (1 << 2)],
  [23, 1 << 3],
  [24, 1 << 4],
  [25, 1 << 5],
  [27, 1 << 7],
  [28, 1 << 8],
  [29, 1 << 9],
]);

/** A cell's style: attribute bits (1 << n for SGR n), and the colours' parameters ('' = default). */
export interface Style {
  readonly bits: number;
  readonly fg: string;
  readonly bg: string;
}

export const PLAIN: Style = { bits: 0, fg: '', bg: '' };

export interface Cell {
  readonly char: string;
  readonly style: Style;
}

export function sameStyle(a: Style, b: Style): boolean {
  return a === b || (a.bits === b.bits && a.fg === b.fg && a.bg === b.bg);
}

/** The SGR parameters that set `style` from the terminal's defaults. */
function styleParameters(style: Style): string[] {
  const out: string[] = [];
  for (const n of ATTRIBUTES) if (style.bits & (1 << n)) out.push(String(n));
  if (style.fg) out.push(style.fg);
  if (style.bg) out.push(style.bg);
  return out;
}

/**
 * The shortest plain SGR sequence from `from` to `to`: only what is added or changed, unless
 * something is turned off, then a reset and `to` whole.
 */
export function styleChange(from: Style, to: Style): string {
  if (sameStyle(from, to)) return '';
  if (to.bits === 0 && to.fg === '' && to.bg === '') return '\x1b[m';
  const lost = (from.bits & ~to.bits) !== 0 || (from.fg !== '' && to.fg === '') || (from.bg !== '' && to.bg === '');
  if (lost) return `\x1b[0;${styleParameters(to).join(';')}m`;
  const added: string[] = [];
  for (const n of ATTRIBUTES) if (to.bits & (1 << n) && !(from.bits & (1 << n))) added.push(String(n));
  if (to.fg !== from.fg) added.push(to.fg);
  if (to.bg !== from.bg) added.push(to.bg);
  return `\x1b[${added.join(';')}m`;
}

/**
 * Characters every terminal gives one cell, as pooltop's width table does: outside them (wide and
 * combining characters, emoji and symbols some terminals draw wide, private use, anything above
 * the Basic Multilingual Plane) the line is rewritten whole and the terminal places it itself.
 */
function oneSureCell(code: number): boolean {
  if (code >= 0x20 && code < 0x7f) return true;
  if (code < 0xa0 || code === 0xad || code > 0xffff) return false;
  if ((code >= 0x2300 && code <= 0x23ff) || (code >= 0x2600 && code <= 0x27bf) || (code >= 0x2b00 && code <= 0x2bff)) return false;
  if (code >= 0xe000 && code <= 0xf8ff) return false;
  return codePointWidth(code) === 1;
}

const SGR_AT = /\x1b\[([0-9;]*)m/y;

/** The cells of one line of a frame, or null when the writer should not trust its own count. */
export function styledCells(line: string): Cell[] | null {
  const cells: Cell[] = [];
  let style = PLAIN;
  let i = 0;
  while (i < line.length) {
    const code = line.charCodeAt(i);
    if (code === 0x1b) {
      SGR_AT.lastIndex = i;
      const match = SGR_AT.exec(line);
      if (!match) return null;
      const next = applySgr(style, match[1]!);
      if (next === null) return null;
      style = next;
      i = SGR_AT.lastIndex;
      continue;
    }
    if (!oneSureCell(code)) return null;
    cells.push({ char: line[i]!, style });
    i++;
  }
  return cells;
}

/** `style` after one SGR sequence's parameters, or null for a parameter this model does not know. */
function applySgr(style: Style, parameters: string): Style | null {
  const list = parameters === '' ? [0] : parameters.split(';').map(Number);
  let { bits, fg, bg } = style;
  for (let k = 0; k < list.length; k++) {
    const n = list[k]!;
    if (!Number.isInteger(n)) return null;
    if (n === 0) {
      bits = 0;
      fg = '';
      bg = '';
    } else if ((ATTRIBUTES as readonly number[]).includes(n)) bits |= 1 << n;
    else if (ATTRIBUTE_OFF.has(n)) bits &= ~ATTRIBUTE_OFF.get(n)!;
    else if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97)) fg = String(n);
    else if ((n >= 40 && n <= 47) || (n >= 100 && n <= 107)) bg = String(n);
    else if (n === 39) fg = '';
    else if (n === 49) bg = '';
    else if (n === 38 || n === 48) {
      const kind = list[k + 1];
      const count = kind === 5 ? 1 : kind === 2 ? 3 : -1;
      if (count < 0) return null;
      const values = list.slice(k + 2, k + 2 + count);
      if (values.length !== count || values.some((v) => !Number.isInteger(v) || v < 0 || v > 255)) return null;
      const colour = [n, kind, ...values].join(';');
      if (n === 38) fg = colour;
      else bg = colour;
      k += 1 + count;
    } else return null;
  }
  if (bits === style.bits && fg === style.fg && bg === style.bg) return style;
  return bits === 0 && fg === '' && bg === '' ? PLAIN : { bits, fg, bg };
}
