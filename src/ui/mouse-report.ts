// Mouse reports as the terminal sends them once pooltop asks for SGR mouse mode (?1000 + ?1006):
// ESC [ < button ; column ; row M (press) or m (release), read strictly. Anything else that
// starts like one is dropped whole, never typed in as keys.

export interface MouseReport {
  kind: 'press' | 'release' | 'wheel-up' | 'wheel-down';
  /** 0 left, 1 middle, 2 right (for presses and releases). */
  button: 0 | 1 | 2;
  /** Cells from the left edge, from 0. */
  x: number;
  /** Lines from the top, from 0. */
  y: number;
  /** Shift, Alt or Ctrl was held. */
  modified: boolean;
}

export const MOUSE_START = '\x1b[<';

/** A whole report at the start of the text: numbers of sane size only (a terminal is at most 9999 cells). */
const REPORT = /^\x1b\[<(\d{1,3});(\d{1,4});(\d{1,4})([Mm])/;
/** The start of a report, its end still to come. */
const PARTIAL = /^\x1b\[<[\d;]{0,14}$/;
/** A report gone wrong: through its first byte that has no place in one. */
const BROKEN = /^\x1b\[<[\d;]*[\s\S]?/;

export type MouseScan = { kind: 'report'; report: MouseReport | null; length: number } | { kind: 'partial' } | { kind: 'broken'; length: number };

/**
 * What `text` (which starts with MOUSE_START) holds: a report and its length (report null for
 * one pooltop does not act on: motion, buttons 4+), the start of one, or the length of a broken one to drop.
 */
export function scanMouse(text: string): MouseScan {
  const match = REPORT.exec(text);
  if (match) return { kind: 'report', report: toReport(Number(match[1]), Number(match[2]), Number(match[3]), match[4] === 'M'), length: match[0].length };
  if (PARTIAL.test(text)) return { kind: 'partial' };
  return { kind: 'broken', length: BROKEN.exec(text)?.[0].length ?? MOUSE_START.length };
}

function toReport(code: number, column: number, line: number, pressed: boolean): MouseReport | null {
  if (column < 1 || line < 1) return null;
  const modified = (code & (4 | 8 | 16)) !== 0;
  const base = code & ~(4 | 8 | 16);
  const at = { x: column - 1, y: line - 1, modified };
  if (base === 64) return pressed ? { kind: 'wheel-up', button: 0, ...at } : null;
  if (base === 65) return pressed ? { kind: 'wheel-down', button: 0, ...at } : null;
  // Motion (32+), horizontal wheels (66, 67) and buttons 8–11 (128+) are not acted on.
  if (base > 2) return null;
  return { kind: pressed ? 'press' : 'release', button: base as 0 | 1 | 2, ...at };
}

/** Two presses of the left button on one cell this close together are a double-click (xterm's default is 250 ms; GTK's 400). */
export const DOUBLE_CLICK_MS = 400;

/** Tells a double-click from two clicks: feed it every left press with the time it came. */
export class ClickCounter {
  private last: { x: number; y: number; at: number } | null = null;

  /** True when this press completes a double-click (a third press starts over). */
  press(report: MouseReport, now: number): boolean {
    const last = this.last;
    const double = last !== null && last.x === report.x && last.y === report.y && now - last.at <= DOUBLE_CLICK_MS;
    this.last = double ? null : { x: report.x, y: report.y, at: now };
    return double;
  }
}
