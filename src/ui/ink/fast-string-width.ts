// The string-width that Ink and its packages measure with in the bundle (bundle-patches.ts
// aliases string-width to this): pooltop's own per-code-point width, after the escape sequences
// are taken out. string-width counts grapheme clusters, so for text such as a Devanagari conjunct
// it said 1 cell where pooltop, like the terminal, counts 2, and Ink wrapped or cut a line pooltop
// had fitted; measuring alike, Ink never re-wraps a line pooltop cut to the screen's width.
import { stripVTControlCharacters } from 'node:util';
import { displayWidth } from '../../model/text-width.js';

const SGR = /\x1b\[[0-9;]*m/g;

/**
 * Cells of `text` on the terminal, escape sequences not counted. string-width's options are not
 * taken: no caller in the bundle passes any, and ambiguous-width characters are 1 cell, as
 * wcwidth() has them in a UTF-8 locale.
 */
export default function fastStringWidth(text: string): number {
  if (typeof text !== 'string') return 0;
  if (!text.includes('\x1b')) return displayWidth(text);
  const plain = text.replace(SGR, '');
  return displayWidth(plain.includes('\x1b') ? stripVTControlCharacters(plain) : plain);
}
