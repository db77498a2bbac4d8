// Reading colours back from `tmux capture-pane -e`: the capture as lines of characters, each with
// the SGR style it was drawn in, so a test can see what only colour shows (a selected row).

/** A colour as tmux reports it: a palette index 0–255, an RGB string "#rrggbb", or null for the default. */
export type Colour = number | string | null;

export interface CellStyle {
  fg: Colour;
  bg: Colour;
  bold: boolean;
  dim: boolean;
  inverse: boolean;
  underline: boolean;
}

export interface StyledLine {
  /** The line's characters, as `capture-pane -p` without -e would give them. */
  text: string;
  /** One style per character of `text` (per UTF-16 code unit, so indexes match `text`). */
  styles: CellStyle[];
}

const PLAIN: CellStyle = { fg: null, bg: null, bold: false, dim: false, inverse: false, underline: false };

/**
 * Parses a capture made with -e. tmux writes only the changes from one cell to the next, and the
 * style runs on across line ends, so the whole capture is read as one stream.
 */
export function parseStyledCapture(capture: string): StyledLine[] {
  const lines: StyledLine[] = [];
  let style: CellStyle = { ...PLAIN };
  let text = '';
  let styles: CellStyle[] = [];
  let i = 0;
  while (i < capture.length) {
    const ch = capture[i]!;
    if (ch === '\x1b') {
      const csi = /^\x1b\[([0-9;:]*)([@-~])/.exec(capture.slice(i, i + 64));
      if (csi) {
        if (csi[2] === 'm') style = applySgr(style, csi[1] ?? '');
        i += csi[0].length;
        continue;
      }
      // OSC (e.g. a hyperlink) up to BEL or ST: not a style, skip it.
      const osc = /^\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/.exec(capture.slice(i, i + 4096));
      i += osc ? osc[0].length : 1;
      continue;
    }
    if (ch === '\n') {
      lines.push({ text, styles });
      text = '';
      styles = [];
      i += 1;
      continue;
    }
    text += ch;
    styles.push(style);
    i += 1;
  }
  if (text !== '') lines.push({ text, styles });
  return lines;
}

/** The text of a -e capture with every escape sequence removed. */
export function stripSgr(capture: string): string {
  return parseStyledCapture(capture)
    .map((l) => l.text)
    .join('\n');
}

function applySgr(current: CellStyle, params: string): CellStyle {
  const codes = params === '' ? [0] : params.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
  let s = { ...current };
  for (let k = 0; k < codes.length; k++) {
    const c = codes[k]!;
    if (c === 0) s = { ...PLAIN };
    else if (c === 1) s.bold = true;
    else if (c === 2) s.dim = true;
    else if (c === 4) s.underline = true;
    else if (c === 7) s.inverse = true;
    else if (c === 22) s.bold = s.dim = false;
    else if (c === 24) s.underline = false;
    else if (c === 27) s.inverse = false;
    else if (c >= 30 && c <= 37) s.fg = c - 30;
    else if (c === 39) s.fg = null;
    else if (c >= 40 && c <= 47) s.bg = c - 40;
    else if (c === 49) s.bg = null;
    else if (c >= 90 && c <= 97) s.fg = c - 90 + 8;
    else if (c >= 100 && c <= 107) s.bg = c - 100 + 8;
    else if (c === 38 || c === 48) {
      // 38;5;n / 48;5;n (palette) or 38;2;r;g;b / 48;2;r;g;b (true colour).
      let colour: Colour = null;
      if (codes[k + 1] === 5) {
        colour = codes[k + 2] ?? 0;
        k += 2;
      } else if (codes[k + 1] === 2) {
        colour = '#' + [codes[k + 2], codes[k + 3], codes[k + 4]].map((n) => (n ?? 0).toString(16).padStart(2, '0')).join('');
        k += 4;
      }
      if (c === 38) s.fg = colour;
      else s.bg = colour;
    }
  }
  return s;
}
