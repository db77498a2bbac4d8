// JSON text that is safe to print on a terminal: JSON.stringify escapes only C0 controls, quotes
// and backslashes, and passes DEL, C1 controls (U+009B is a CSI on many terminals), bidi
// overrides and isolates and the characters that look like nothing through raw.
import { INVISIBLE } from './sanitize.js';

const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'gu');

/**
 * `json` with every INVISIBLE character written as \uXXXX (an astral one as its surrogate pair).
 * Such characters can only stand inside JSON strings (the syntax around them is ASCII), so the
 * text parses to the very same value.
 */
export function jsonSafe(json: string): string {
  return json.replace(INVISIBLE_ALL, (char) => {
    // A raw C0 control is the layout between values (the newline of indented JSON): inside a
    // string JSON.stringify has already escaped it.
    if (char < ' ') return char;
    let out = '';
    for (let i = 0; i < char.length; i++) out += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return out;
  });
}
