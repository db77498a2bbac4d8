// Drawing a grid of styled terminal cells as an SVG picture of a dark terminal: background
// rectangles, then one <tspan> per run of equally styled text, each pinned to its cell column.
import type { CellStyle, StyledGrid } from './styled-grid.js';
import { DEFAULT_BACKGROUND, DEFAULT_FOREGROUND, mix, resolveColour } from './terminal-palette.js';

export interface SvgOptions {
  /** The picture's <title>, for screen readers and browsers' tooltips. */
  title?: string;
  /** Font size in px; the cell grid is derived from it. */
  fontSize?: number;
}

const FONT_FAMILY = "'DejaVu Sans Mono', 'Cascadia Mono', Menlo, Consolas, 'Liberation Mono', monospace";
/** A monospace glyph is about 0.6 em wide; textLength holds every run to this grid whatever the font. */
const CELL_WIDTH_EM = 0.6;
const LINE_HEIGHT_EM = 1.2;
/** Where the baseline sits in a line, as a fraction of the line height. */
const BASELINE = 0.78;
/** How far dim text is faded toward its background. */
const DIM_AMOUNT = 0.45;
/** Blank border around the grid, in px. */
const PADDING = 10;

/** The colours and attributes a cell is drawn with, inverse and dim already applied. */
interface Look {
  fg: string;
  bg: string;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strike: boolean;
  hidden: boolean;
}

function lookOf(style: CellStyle): Look {
  let fg = resolveColour(style.fg, DEFAULT_FOREGROUND);
  let bg = resolveColour(style.bg, DEFAULT_BACKGROUND);
  if (style.inverse) [fg, bg] = [bg, fg];
  if (style.dim) fg = mix(fg, bg, DIM_AMOUNT);
  return { fg, bg, bold: style.bold, italic: style.italic, underline: style.underline, strike: style.strike, hidden: style.hidden };
}

function sameText(a: Look, b: Look): boolean {
  return a.fg === b.fg && a.bold === b.bold && a.italic === b.italic && a.underline === b.underline && a.strike === b.strike && a.hidden === b.hidden;
}

/** Characters XML 1.0 cannot hold at all (controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text safe in XML content and in a double- or single-quoted attribute. */
function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A number for an attribute: at most two decimals, no trailing zeros. */
function num(n: number): string {
  return String(Math.round(n * 100) / 100);
}

export function gridToSvg(grid: StyledGrid, options: SvgOptions = {}): string {
  const fontSize = options.fontSize ?? 14;
  const cw = fontSize * CELL_WIDTH_EM;
  const lh = Math.round(fontSize * LINE_HEIGHT_EM);
  const width = Math.ceil(grid.columns * cw + 2 * PADDING);
  const height = Math.ceil(grid.rows * lh + 2 * PADDING);
  const x = (column: number): string => num(PADDING + column * cw);
  const top = (row: number): number => PADDING + row * lh;

  const backgrounds: string[] = [];
  const decorations: string[] = [];
  const lines: string[] = [];
  grid.cells.forEach((row, r) => {
    const looks = row.map((cell) => lookOf(cell.style));

    // Backgrounds: one rectangle per run of cells sharing a colour other than the page's.
    for (let c = 0; c < looks.length; ) {
      let end = c + 1;
      while (end < looks.length && looks[end]!.bg === looks[c]!.bg) end++;
      if (looks[c]!.bg !== DEFAULT_BACKGROUND) {
        backgrounds.push(`<rect x="${x(c)}" y="${top(r)}" width="${num((end - c) * cw)}" height="${lh}" fill="${looks[c]!.bg}"/>`);
      }
      c = end;
    }

    // Text: one tspan per run of cells drawn alike; blanks at either end of a run are left out
    // (their background is already drawn) so a run starts and ends on ink.
    const spans: string[] = [];
    for (let c = 0; c < looks.length; ) {
      let end = c + 1;
      while (end < looks.length && sameText(looks[end]!, looks[c]!)) end++;
      const look = looks[c]!;
      if (look.underline || look.strike) {
        const y = look.underline ? top(r) + lh * BASELINE + 2 : top(r) + lh * 0.5;
        decorations.push(`<rect x="${x(c)}" y="${num(y)}" width="${num((end - c) * cw)}" height="1" fill="${look.fg}"/>`);
      }
      let first = c;
      let last = end - 1;
      while (first <= last && isBlank(row[first]!.text)) first++;
      while (last >= first && isBlank(row[last]!.text)) last--;
      // A wide character's second cell ('') belongs to the run: extend over it.
      while (last + 1 < end && row[last + 1]!.text === '') last++;
      if (first <= last && !look.hidden) {
        const text = row
          .slice(first, last + 1)
          .map((cell) => cell.text)
          .join('');
        const attrs = [`x="${x(first)}"`, `textLength="${num((last - first + 1) * cw)}"`, 'lengthAdjust="spacingAndGlyphs"'];
        if (look.fg !== DEFAULT_FOREGROUND) attrs.push(`fill="${look.fg}"`);
        if (look.bold) attrs.push('font-weight="bold"');
        if (look.italic) attrs.push('font-style="italic"');
        spans.push(`<tspan ${attrs.join(' ')}>${escapeXml(text)}</tspan>`);
      }
      c = end;
    }
    if (spans.length > 0) {
      // No whitespace between the tspans: under xml:space="preserve" it would be drawn.
      lines.push(`<text y="${num(top(r) + lh * BASELINE)}" xml:space="preserve">${spans.join('')}</text>`);
    }
  });

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    ...(options.title ? [`<title>${escapeXml(options.title)}</title>`] : []),
    `<rect width="${width}" height="${height}" rx="6" fill="${DEFAULT_BACKGROUND}"/>`,
    `<g shape-rendering="crispEdges">`,
    ...backgrounds,
    '</g>',
    `<g font-family="${escapeXml(FONT_FAMILY)}" font-size="${fontSize}" fill="${DEFAULT_FOREGROUND}">`,
    ...lines,
    '</g>',
    // Underlines and strike-throughs over the text, as a terminal draws them.
    ...(decorations.length > 0 ? ['<g shape-rendering="crispEdges">', ...decorations, '</g>'] : []),
    '</svg>',
    '',
  ].join('\n');
}

function isBlank(text: string): boolean {
  return text === ' ';
}
