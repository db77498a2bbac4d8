// Reading colours back from `tmux capture-pane -e`: the capture as lines of characters, each with
// the SGR style it was drawn in, so a test can see what only colour shows (a selected row).
import { applySgr as applyFullSgr, PLAIN_STYLE } from '../../scripts/screenshots/styled-grid.js';

/** A colour as tmux reports it: a palette index 0–255, an RGB string "#rrggbb", or null for the default. */
type Colour = number | string | null;

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

/** One SGR sequence applied to the style so far: the screenshot renderer's parser, kept to the fields tests read. */
function applySgr(current: CellStyle, params: string): CellStyle {
  const full = applyFullSgr({ ...PLAIN_STYLE, ...current }, params);
  return { fg: full.fg, bg: full.bg, bold: full.bold, dim: full.dim, inverse: full.inverse, underline: full.underline };
}
