// Makes text read from the system harmless to print and certain to measure: process names and
// command lines are chosen by whoever started the process and may hold escape sequences (ESC ] 0 ;
// title BEL sets the window title, ESC [ 2 J clears the screen, ESC ] 52 writes the clipboard),
// bidi overrides that reorder what the eye reads, characters that draw as nothing, and clusters
// whose width terminals disagree on — a line one terminal thinks fits, another wraps, and the
// screen scrolls. Ink keeps SGR and OSC sequences, so this runs before Ink. What comes out holds
// only code points whose width every terminal that uses wcwidth() agrees on (text-width.ts).
import { codePointWidth } from './code-point-width.js';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Code points that act on the terminal or on how the text reads, or that look like nothing:
 * - controls and format characters (bidi embeddings, overrides and isolates, zero-width space,
 *   BOM, soft hyphen, Arabic number signs that swallow the digits after them);
 * - default-ignorables, which draw as nothing and so can hide or join: the zero-width joiner
 *   and non-joiner, variation selectors, the Hangul fillers U+115F U+1160 U+3164 U+FFA0 (2 blank
 *   cells each in tmux), the combining grapheme joiner, tag characters, Mongolian selectors,
 *   Khmer inherent vowels;
 * - line and paragraph separators, spaces other than U+0020 and the braille blank U+2800: they
 *   look like nothing, so a row of them looks empty or lines up text that is not a column.
 * `snapshot --json` escapes the same set (json-safe.ts).
 */
export const INVISIBLE = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u2800]/u;

/**
 * Code points whose width terminals disagree on, drawn as their number (<U+200D>) like the
 * invisible ones above; each class for its reason:
 * - the zero-width joiner and the variation selectors, default-ignorables and so already in
 *   INVISIBLE, would be here for their width alone: tmux 3.3 draws an emoji after a ZWJ inside
 *   the cell before it, a grapheme-aware terminal draws a ZWJ family as one 2-cell glyph and
 *   wcwidth() sums 2 a member; VS16 makes ☺ 2 cells in terminals that honour it, 1 elsewhere;
 * - regional indicators: a lone one is 1 cell to wcwidth() and 2 in terminals that draw flags, a
 *   pair one flag (2 cells) or two letters (2 or 4);
 * - emoji skin-tone modifiers: 2 cells after their base in wcwidth() and tmux, nothing in
 *   terminals that merge them into the emoji;
 * - Hangul vowel and final jamo left over once conjoining jamo are composed (below): 0 cells
 *   after a leading jamo, 0 or 1 alone depending on the terminal;
 * - code points whose width newer Unicode versions changed: the trigrams, digrams and Tai Xuan
 *   Jing symbols (wide since Unicode 16, 1 cell in glibc 2.36's 14.0 tables), U+3248–324F (2 in
 *   glibc, 1 where East Asian ambiguous is narrow), U+1171E (a mark in 14.0, spacing since).
 *   A test lists every code point whose width differs from string-width's newer tables and finds
 *   each here or unassigned in the table.
 * Code points the table's Unicode does not assign are shown too (wcwidth -1: tmux gives them 0
 * cells, xterm 1, a terminal with newer tables 2 for a new emoji).
 * Kept as they are: Indic conjuncts and vowel signs. wcwidth() gives a virama 0 cells and each
 * consonant and spacing sign 1, and tmux, xterm and VTE draw them so (string-width, counting the
 * whole cluster as 1, was what disagreed); terminals that lay out grapheme clusters do so only
 * once a program turns on mode 2027, which pooltop never does. Combining marks on a base are kept
 * too (below): 0 cells everywhere.
 */
const UNCERTAIN_WIDTH =
  /[\p{Regional_Indicator}\p{Emoji_Modifier}\u1160-\u11ff\ud7b0-\ud7ff\u2630-\u2637\u268a-\u268f\u3248-\u324f\u{1171e}\u{1d300}-\u{1d356}\u{1d360}-\u{1d376}]/u;

/**
 * Conjoining Hangul jamo: a leading consonant, vowel and final consonant make one 2-cell
 * syllable to wcwidth() and tmux, and 2 to 6 cells in terminals that do not conjoin them. A run
 * of them (with a syllable before it, to which a final can attach) is composed to the
 * precomposed syllable (NFC), which is 2 cells everywhere; what does not compose is shown.
 */
const JAMO = /[\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff]/;
const JAMO_RUN = /[\uac00-\ud7a3]?[\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff]+/g;

/**
 * Combining marks kept on one base character. Stacked marks are drawn above and below the cell,
 * over the rows around it, where terminals do not clip them ("Zalgo" text); Vietnamese needs 2,
 * Hebrew with points and accents or a Tibetan stack up to 4. The rest are shown.
 */
const MAX_MARKS = 4;

const KEEP = 1;
const MARK = 2;
const SHOWN = 3;
/** What each code point of the Basic Multilingual Plane is, worked out on first sight (0: not yet). */
const bmpKinds = new Uint8Array(0x10000);

function kindOf(code: number, char: string): number {
  if (code > 0xffff) return classify(code, char);
  const known = bmpKinds[code]!;
  if (known !== 0) return known;
  const kind = classify(code, char);
  bmpKinds[code] = kind;
  return kind;
}

function classify(code: number, char: string): number {
  const width = codePointWidth(code);
  if (width < 0 || INVISIBLE.test(char) || UNCERTAIN_WIDTH.test(char)) return SHOWN;
  return width === 0 ? MARK : KEEP;
}

/** A control or format character made visible: ESC as ^[, CR as ^M, DEL as ^?, C1 as \x9b, others as <U+202E>. */
export function visibleControl(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
  if (code === 0x7f) return '^?';
  if (code <= 0x9f) return `\\x${code.toString(16)}`;
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/**
 * The text with every control, format, blank-looking or uncertain-width code point replaced by
 * a visible, printable form (INVISIBLE, UNCERTAIN_WIDTH), combining marks kept only on a base
 * character, conjoining jamo composed, and lone surrogates replaced by U+FFFD. The result holds
 * no byte that a terminal acts on, and its width (text-width.ts) is the width terminals draw.
 */
export function sanitizeText(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text;
  let safe = text.isWellFormed() ? text : text.toWellFormed();
  if (JAMO.test(safe)) safe = safe.replace(JAMO_RUN, (run) => run.normalize('NFC'));
  let out = '';
  // Whether the last code point written can carry a combining mark, and how many it has: a mark
  // at the start, after a space or after a shown code would draw over the text before it.
  let base = false;
  let marks = 0;
  for (const char of safe) {
    const code = char.codePointAt(0)!;
    const kind = code >= 0x20 && code < 0x7f ? KEEP : kindOf(code, char);
    if (kind === KEEP) {
      out += char;
      base = code !== 0x20;
      marks = 0;
    } else if (kind === MARK && base && marks < MAX_MARKS) {
      out += char;
      marks++;
    } else {
      out += visibleControl(char);
      base = false;
    }
  }
  return out;
}
