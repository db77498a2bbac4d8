// Terminal input → one key name: "up", "pagedown", "f5", "C-c", "enter", "escape", or the
// character typed ("q", "/", " "). The key table and every prompt speak these names.
import type { MouseReport } from './mouse-report.js';

export interface KeyPress {
  /** The key's name; for typed text, the text itself; 'paste' for a bracketed paste. */
  name: string;
  /** Printable text the key types into a prompt, or '' for keys that type nothing. */
  text: string;
  /** A bracketed paste: its first characters as pasted (controls included) and its length. */
  paste?: { preview: string; length: number };
  /** A mouse report (name 'mouse'): never text, whatever has the keyboard. */
  mouse?: MouseReport;
}

const SEQUENCES: Record<string, string> = {
  '[A': 'up',
  '[B': 'down',
  '[C': 'right',
  '[D': 'left',
  OA: 'up',
  OB: 'down',
  OC: 'right',
  OD: 'left',
  '[H': 'home',
  '[F': 'end',
  OH: 'home',
  OF: 'end',
  '[1~': 'home',
  '[7~': 'home',
  '[4~': 'end',
  '[8~': 'end',
  '[2~': 'insert',
  '[3~': 'delete',
  '[5~': 'pageup',
  '[6~': 'pagedown',
  '[[5~': 'pageup',
  '[[6~': 'pagedown',
  OP: 'f1',
  OQ: 'f2',
  OR: 'f3',
  OS: 'f4',
  '[11~': 'f1',
  '[12~': 'f2',
  '[13~': 'f3',
  '[14~': 'f4',
  '[[A': 'f1',
  '[[B': 'f2',
  '[[C': 'f3',
  '[[D': 'f4',
  '[[E': 'f5',
  '[15~': 'f5',
  '[17~': 'f6',
  '[18~': 'f7',
  '[19~': 'f8',
  '[20~': 'f9',
  '[21~': 'f10',
  '[23~': 'f11',
  '[24~': 'f12',
  '[Z': 'S-tab',
};

export function parseKey(input: string): KeyPress {
  if (input === '\r' || input === '\n') return { name: 'enter', text: '' };
  if (input === '\t') return { name: 'tab', text: '' };
  if (input === '\x7f' || input === '\b') return { name: 'backspace', text: '' };
  if (input === '\x1b' || input === '\x1b\x1b') return { name: 'escape', text: '' };
  if (input.startsWith('\x1b')) {
    const body = input.replace(/^\x1b+/, '');
    const named = SEQUENCES[body];
    if (named) return { name: named, text: '' };
    // Modified keys arrive as ESC [ 1 ; <mod> <letter> or ESC [ <n> ; <mod> ~: keep the key.
    const modified = /^\[(\d+)?;\d+([~A-Za-z])$/.exec(body);
    if (modified) {
      const base = modified[2] === '~' ? SEQUENCES[`[${modified[1]}~`] : SEQUENCES[`[${modified[2]}`];
      if (base) return { name: base, text: '' };
    }
    // Alt+key: report the key itself.
    if (body.length === 1) return { name: `M-${body}`, text: '' };
    return { name: 'unknown', text: '' };
  }
  if (input.length === 1) {
    const code = input.charCodeAt(0);
    if (code < 0x20) return { name: `C-${String.fromCharCode(code + 0x60)}`, text: '' };
    return { name: input, text: input };
  }
  // Several characters at once (a paste): text only, with any control characters dropped.
  const text = input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  return { name: text.length === 1 ? text : 'text', text };
}

/**
 * One chunk of input as key presses. Typed-ahead keys arrive together ("tt", "sleep\r" when
 * Enter follows quickly), so each character is its own key press, as if typed one by one.
 */
export function parseKeys(input: string): KeyPress[] {
  // Esc and a key pressed right after it arrive as ESC + key, which reads as Alt+key. pooltop
  // binds no Alt keys, so it is the two presses it most likely was.
  if (/^\x1b[^\x1b[O]$/u.test(input)) return [{ name: 'escape', text: '' }, parseKey(input.slice(1))];
  if (input.length <= 1 || input.startsWith('\x1b')) return [parseKey(input)];
  return Array.from(input, (char) => parseKey(char));
}
