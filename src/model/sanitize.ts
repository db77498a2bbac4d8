// Makes text read from the system harmless to print: process names and command lines are chosen
// by whoever started the process and may hold escape sequences (ESC ] 0 ; title BEL sets the
// window title, ESC [ 2 J clears the screen, ESC ] 52 writes the clipboard) or bidi overrides
// that reorder what the eye reads. Ink keeps SGR and OSC sequences, so this runs before Ink.

// C0 controls, DEL, C1 controls, Unicode format characters (bidi embeddings, overrides and
// isolates, zero-width space, BOM, soft hyphen...) and line/paragraph separators.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/u;
const UNSAFE_ALL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/gu;
// Joiners shape emoji and Indic scripts and draw as nothing: harmless, so kept.
const KEPT = new Set([0x200c, 0x200d]);

/** A control or format character made visible: ESC as ^[, CR as ^M, DEL as ^?, C1 as \x9b, others as <U+202E>. */
export function visibleControl(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
  if (code === 0x7f) return '^?';
  if (code <= 0x9f) return `\\x${code.toString(16)}`;
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/**
 * The text with every control and format character replaced by a visible, printable form and
 * lone surrogates replaced by U+FFFD. The result contains no byte that a terminal acts on.
 */
export function sanitizeText(text: string): string {
  const wellFormed = text.isWellFormed() ? text : text.toWellFormed();
  if (!UNSAFE.test(wellFormed)) return wellFormed;
  return wellFormed.replace(UNSAFE_ALL, (char) => (KEPT.has(char.codePointAt(0) ?? 0) ? char : visibleControl(char)));
}
