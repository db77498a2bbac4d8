// string-width with a fast path for the text pooltop draws: measured, string-width's general path
// (grapheme segmentation, an emoji regexp per grapheme) was 40 % of the CPU of a refresh, spent on
// lines that are ASCII, SGR codes and a few box-drawing characters. Those are counted directly;
// anything else goes to string-width itself. The bundle makes Ink use this one too.
import stringWidth from '../../node_modules/string-width/index.js';

/** Characters one cell wide for string-width (East Asian width narrow or ambiguous, drawn narrow). */
const NARROW = /^[\x20-\x7e\u2500-\u257f·…⋯•▲▼√−]*$/u;
const SGR = /\x1b\[[0-9;]*m/g;

export interface WidthOptions {
  ambiguousIsNarrow?: boolean;
  countAnsiEscapeCodes?: boolean;
}

export default function fastStringWidth(text: string, options?: WidthOptions): number {
  if (typeof text !== 'string' || (options && (options.ambiguousIsNarrow === false || options.countAnsiEscapeCodes))) {
    return stringWidth(text, options);
  }
  const plain = text.includes('\x1b') ? text.replace(SGR, '') : text;
  if (!plain.includes('\x1b') && NARROW.test(plain)) return plain.length;
  return stringWidth(text, options);
}
