// Reading `tmux capture-pane -e` into a grid of terminal cells, each with its character and the
// SGR style it was drawn in, so a renderer can place every character at its column.
import { displayWidth } from '../../src/model/text-width.js';
import type { TerminalColour } from './terminal-palette.js';

export interface CellStyle {
  fg: TerminalColour;
  bg: TerminalColour;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  inverse: boolean;
  hidden: boolean;
  strike: boolean;
}

interface Cell {
  /** One grapheme, or '' for the second cell of a wide character. */
  text: string;
  style: CellStyle;
}

export interface StyledGrid {
  columns: number;
  rows: number;
  /** rows × columns cells; a wide character takes its cell and an empty one after it. */
  cells: Cell[][];
}

export const PLAIN_STYLE: Readonly<CellStyle> = Object.freeze({
  fg: null,
  bg: null,
  bold: false,
  dim: false,
  italic: false,
  underline: false,
  inverse: false,
  hidden: false,
  strike: false,
});

const segmenter = new Intl.Segmenter();

/**
 * The capture as a `columns` × `rows` grid. tmux writes only the style changes from one cell to
 * the next and lets a style run on across line ends, so the capture is read as one stream. Lines
 * are padded with unstyled blanks (or cut) to `columns`, and missing rows added, so the grid
 * always has the terminal's size whatever tmux trimmed.
 */
export function parseStyledCapture(capture: string, columns: number, rows: number): StyledGrid {
  const lines: Cell[][] = [];
  let line: Cell[] = [];
  let style: CellStyle = { ...PLAIN_STYLE };
  let i = 0;
  let text = '';
  const flushText = (): void => {
    for (const { segment } of segmenter.segment(text)) {
      const width = displayWidth(segment);
      if (width === 0) {
        // A zero-width grapheme on its own (tmux keeps combining marks with their base, so this is
        // rare): it belongs to the previous cell; with none, it is dropped.
        const last = line.findLast((c) => c.text !== '');
        if (last) last.text += segment;
        continue;
      }
      line.push({ text: segment, style });
      for (let k = 1; k < width; k++) line.push({ text: '', style });
    }
    text = '';
  };
  while (i < capture.length) {
    const ch = capture[i]!;
    if (ch === '\x1b') {
      flushText();
      const rest = capture.slice(i, i + 256);
      const csi = /^\x1b\[([0-?]*)([ -/]*)([@-~])/.exec(rest);
      if (csi) {
        if (csi[3] === 'm' && csi[2] === '') style = applySgr(style, csi[1] ?? '');
        i += csi[0].length;
        continue;
      }
      // OSC (tmux writes hyperlinks as OSC 8) up to BEL or ST, and any other escape: no style.
      const osc = /^\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/.exec(capture.slice(i, i + 8192));
      i += osc ? osc[0].length : Math.min(2, capture.length - i);
      continue;
    }
    if (ch === '\n') {
      flushText();
      lines.push(line);
      line = [];
      i += 1;
      continue;
    }
    // Other control characters never reach a cell: a terminal does not draw them.
    if (ch >= ' ' && ch !== '\x7f' && !(ch >= '\x80' && ch <= '\x9f')) text += ch;
    i += 1;
  }
  flushText();
  if (line.length > 0) lines.push(line);

  const cells: Cell[][] = [];
  for (let r = 0; r < rows; r++) {
    const source = lines[r] ?? [];
    const row = source.slice(0, columns);
    // A wide character cut in half at the right edge becomes a blank, as a terminal shows it.
    if (source[columns]?.text === '') row[columns - 1] = { text: ' ', style: row[columns - 1]!.style };
    while (row.length < columns) row.push({ text: ' ', style: PLAIN_STYLE });
    cells.push(row);
  }
  return { columns, rows, cells };
}

/** The grid's text, one line per row with trailing blanks removed: what `capture-pane -p` prints. */
export function gridText(grid: StyledGrid): string {
  return grid.cells
    .map((row) =>
      row
        .map((c) => c.text)
        .join('')
        .trimEnd(),
    )
    .join('\n');
}

/** `current` after one SGR sequence's parameters (`1;38;5;208`, `38:2::255:0:0`, '' for reset). */
export function applySgr(current: CellStyle, params: string): CellStyle {
  const s: CellStyle = { ...current };
  // Each ';'-separated parameter may carry ':'-separated sub-parameters (ISO 8613-6 colours,
  // underline styles); the older form puts a colour's parts in the following ';' parameters.
  const list = (params === '' ? ['0'] : params.split(';')).map((p) => p.split(':').map((n) => (n === '' ? NaN : Number(n))));
  for (let k = 0; k < list.length; k++) {
    const [code = 0, ...sub] = list[k]!;
    const c = Number.isNaN(code) ? 0 : code;
    if (c === 0) Object.assign(s, PLAIN_STYLE);
    else if (c === 1) s.bold = true;
    else if (c === 2) s.dim = true;
    else if (c === 3) s.italic = true;
    else if (c === 4) s.underline = sub.length === 0 || sub[0] !== 0;
    else if (c === 7) s.inverse = true;
    else if (c === 8) s.hidden = true;
    else if (c === 9) s.strike = true;
    else if (c === 21) s.underline = true;
    else if (c === 22) s.bold = s.dim = false;
    else if (c === 23) s.italic = false;
    else if (c === 24) s.underline = false;
    else if (c === 27) s.inverse = false;
    else if (c === 28) s.hidden = false;
    else if (c === 29) s.strike = false;
    else if (c >= 30 && c <= 37) s.fg = c - 30;
    else if (c === 39) s.fg = null;
    else if (c >= 40 && c <= 47) s.bg = c - 40;
    else if (c === 49) s.bg = null;
    else if (c >= 90 && c <= 97) s.fg = c - 90 + 8;
    else if (c >= 100 && c <= 107) s.bg = c - 100 + 8;
    else if (c === 38 || c === 48 || c === 58) {
      let colour: TerminalColour = null;
      if (sub.length > 0) {
        // 38:5:n, 38:2:r:g:b, or 38:2:<colour space>:r:g:b.
        if (sub[0] === 5) colour = toIndex(sub[1]);
        else if (sub[0] === 2) colour = toRgb(sub.length >= 5 ? sub.slice(2, 5) : sub.slice(1, 4));
      } else {
        const mode = list[k + 1]?.[0];
        if (mode === 5) {
          colour = toIndex(list[k + 2]?.[0]);
          k += 2;
        } else if (mode === 2) {
          colour = toRgb([list[k + 2]?.[0], list[k + 3]?.[0], list[k + 4]?.[0]]);
          k += 4;
        }
      }
      // 58 is the underline colour: read so its parameters are skipped, not drawn.
      if (c === 38) s.fg = colour;
      else if (c === 48) s.bg = colour;
    } else if (c === 59) {
      // Default underline colour: nothing to draw.
    }
  }
  return s;
}

function toIndex(n: number | undefined): number | null {
  return n !== undefined && Number.isInteger(n) && n >= 0 && n <= 255 ? n : null;
}

function toRgb(parts: readonly (number | undefined)[]): string | null {
  if (parts.length < 3) return null;
  const ok = parts.every((n) => n !== undefined && Number.isInteger(n) && n >= 0 && n <= 255);
  return ok ? '#' + parts.map((n) => n!.toString(16).padStart(2, '0')).join('') : null;
}
