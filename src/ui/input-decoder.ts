// Ink's input events → key presses, with a bracketed paste (ESC [200~ … ESC [201~) as one press
// named 'paste' that holds the text, however the terminal's writes cut the paste or its markers,
// and an SGR mouse report as one press named 'mouse' (a broken one as nothing at all).
import { MOUSE_START, scanMouse } from './mouse-report.js';
import { parseKeys, type KeyPress } from './parse-key.js';

export const PASTE_START = '\x1b[200~';
export const PASTE_END = '\x1b[201~';
/** Characters of a paste kept: a prompt takes 256; a longer paste is counted, not stored. */
const PASTE_KEPT = 4096;
/** Characters of a paste shown in the message that drops it. */
const PREVIEW = 24;
/** A legacy (X10) mouse report: ESC [ M and three bytes of button, column and row. */
const LEGACY_MOUSE = '\x1b[M';

// Ink 6.8 hands over escape sequences one by one and the text between them as one event. A marker
// cut by the end of a read stays pending in Ink until the next read, unless the next read is late:
// then Ink gives the piece on its own ("\x1b[20", or a lone "\x1b", which is also the Esc key) and
// the rest arrives as text ("0~k\ry"). So a piece that can start a marker is held until the next
// event joins it, or until flush() lets it go as the key it was (useKeys waits HOLD_MS for that).
export class InputDecoder {
  private pasting = false;
  private pasted = '';
  private pastedLength = 0;
  /** The start of a marker, waiting for the rest. */
  private held = '';
  /** The last key was a lone ESC let go by flush(): "[200~" after it is still a paste, "[<0;…" a mouse report. */
  private afterLoneEscape = false;
  /** Bytes of a legacy mouse report still to drop: they would read as keys (a space tags a row). */
  private legacyBytes = 0;

  /** The key presses one Ink input event completes (none while a paste or a marker is unfinished). */
  push(event: string): KeyPress[] {
    const out: KeyPress[] = [];
    const held = this.held;
    this.held = '';
    if (this.pasting) {
      this.takePaste(held + event, out);
      return out;
    }
    let data = held + event;
    if (this.afterLoneEscape && (data.startsWith(PASTE_START.slice(1)) || data.startsWith(MOUSE_START.slice(1)))) data = `\x1b${data}`;
    this.afterLoneEscape = false;
    if (this.legacyBytes > 0) {
      const chars = Array.from(data);
      const dropped = Math.min(this.legacyBytes, chars.length);
      this.legacyBytes -= dropped;
      data = chars.slice(dropped).join('');
      if (data === '') return out;
    }
    if (data.startsWith(MOUSE_START)) {
      const scan = scanMouse(data);
      if (scan.kind === 'partial') {
        this.held = data;
        return out;
      }
      if (scan.kind === 'report' && scan.report) out.push({ name: 'mouse', text: '', mouse: scan.report });
      const rest = data.slice(scan.length);
      if (rest !== '') out.push(...this.push(rest));
      return out;
    }
    if (data.startsWith(LEGACY_MOUSE)) {
      this.legacyBytes = 3;
      const rest = data.slice(LEGACY_MOUSE.length);
      if (rest !== '') out.push(...this.push(rest));
      return out;
    }
    if (data.startsWith(PASTE_START)) {
      this.pasting = true;
      this.takePaste(data.slice(PASTE_START.length), out);
      return out;
    }
    if (PASTE_START.startsWith(data)) {
      this.held = data;
      return out;
    }
    if (held !== '') {
      // Not a marker after all: what was held is a key of its own, then the event is.
      out.push(...parseKeys(held), ...this.push(event));
      return out;
    }
    out.push(...parseKeys(data));
    return out;
  }

  /** True while a piece that may start a paste is held back, outside a paste. */
  get holding(): boolean {
    return !this.pasting && this.held !== '';
  }

  /** Lets a held piece go as the key it is (Esc, Alt+[ …): no paste followed it. A mouse report's start goes nowhere. */
  flush(): KeyPress[] {
    if (!this.holding) return [];
    const held = this.held;
    this.held = '';
    if (held.startsWith(MOUSE_START)) return [];
    this.afterLoneEscape = held === '\x1b';
    return parseKeys(held);
  }

  /** Adds `data` to the paste up to its end marker, then decodes what follows the marker. */
  private takePaste(data: string, out: KeyPress[]): void {
    const end = data.indexOf(PASTE_END);
    if (end < 0) {
      const cut = markerPrefixAtEnd(data, PASTE_END);
      this.add(data.slice(0, data.length - cut));
      this.held = data.slice(data.length - cut);
      return;
    }
    this.add(data.slice(0, end));
    out.push(pasteKey(this.pasted, this.pastedLength));
    this.pasting = false;
    this.pasted = '';
    this.pastedLength = 0;
    const rest = data.slice(end + PASTE_END.length);
    if (rest !== '') out.push(...this.push(rest));
  }

  private add(text: string): void {
    for (const _ of text) this.pastedLength++;
    if (this.pasted.length < PASTE_KEPT) this.pasted = (this.pasted + text).slice(0, PASTE_KEPT);
  }
}

/** The length of the longest end of `data` that begins `marker` (a marker cut by the read). */
function markerPrefixAtEnd(data: string, marker: string): number {
  for (let n = Math.min(marker.length - 1, data.length); n > 0; n--) {
    if (marker.startsWith(data.slice(data.length - n))) return n;
  }
  return 0;
}

// Whole escape sequences (CSI, and OSC up to BEL or ST) go first so their parameters do not stay
// behind as text; then every other C0 and C1 control and DEL.
const PASTED_SEQUENCES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?/g;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

function pasteKey(raw: string, length: number): KeyPress {
  return {
    name: 'paste',
    text: raw.replace(PASTED_SEQUENCES, '').replace(CONTROLS, ''),
    paste: {
      preview: Array.from(raw.slice(0, PREVIEW * 2))
        .slice(0, PREVIEW)
        .join(''),
      length,
    },
  };
}
