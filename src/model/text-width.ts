// Display width of sanitized text in terminal cells, and cutting or padding text to a width, so
// wide (CJK, emoji) and zero-width characters keep the columns aligned.
import stringWidth from 'string-width';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const segmenter = new Intl.Segmenter();

export function displayWidth(text: string): number {
  return PRINTABLE_ASCII.test(text) ? text.length : stringWidth(text);
}

/**
 * The longest prefix of `text` that fits in `width` cells, cut at a grapheme boundary; when a wide
 * character does not fit, the remaining cell is filled with a space so the column stays exact.
 */
export function cutToWidth(text: string, width: number): string {
  if (width <= 0) return '';
  if (PRINTABLE_ASCII.test(text)) return text.length <= width ? text : text.slice(0, width);
  if (stringWidth(text) <= width) return text;
  let used = 0;
  let out = '';
  for (const { segment } of segmenter.segment(text)) {
    const w = stringWidth(segment);
    if (used + w > width) break;
    out += segment;
    used += w;
  }
  return used < width ? out + ' '.repeat(width - used) : out;
}

/** Text cut or padded with spaces to exactly `width` cells; `align` 'right' pads on the left. */
export function fitWidth(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const cut = cutToWidth(text, width);
  const pad = width - displayWidth(cut);
  if (pad <= 0) return cut;
  return align === 'left' ? cut + ' '.repeat(pad) : ' '.repeat(pad) + cut;
}
