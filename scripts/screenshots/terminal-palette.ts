// The colours of the dark terminal the screenshots are drawn in: default foreground and
// background, the 16 ANSI colours, and xterm's 256-colour palette built from them.

/** A colour as SGR names it: a palette index 0–255, truecolor '#rrggbb', or null for the default. */
export type TerminalColour = number | string | null;

/** The page behind every cell that has no background of its own. */
export const DEFAULT_BACKGROUND = '#1e1e1e';
/** Text with no foreground colour of its own. */
export const DEFAULT_FOREGROUND = '#d4d4d4';

/**
 * ANSI 0–15 as a widely used dark theme (VS Code's terminal) draws them: black is dark enough to
 * read on the green and cyan bars, blue light enough to read on the dark page.
 */
const ANSI_16: readonly string[] = [
  '#000000',
  '#cd3131',
  '#0dbc79',
  '#e5e510',
  '#2472c8',
  '#bc3fbc',
  '#11a8cd',
  '#e5e5e5',
  '#666666',
  '#f14c4c',
  '#23d18b',
  '#f5f543',
  '#3b8eea',
  '#d670d6',
  '#29b8db',
  '#ffffff',
];

/** xterm's 6×6×6 cube levels for indexes 16–231. */
const CUBE_LEVELS = [0, 95, 135, 175, 215, 255];

function hex(r: number, g: number, b: number): string {
  return (
    '#' +
    [r, g, b]
      .map((n) =>
        Math.max(0, Math.min(255, Math.round(n)))
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')
  );
}

/** The RGB of palette index `n` (0–255); out-of-range indexes read as the default foreground. */
function paletteColour(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 255) return DEFAULT_FOREGROUND;
  if (n < 16) return ANSI_16[n]!;
  if (n < 232) {
    const i = n - 16;
    return hex(CUBE_LEVELS[Math.floor(i / 36)]!, CUBE_LEVELS[Math.floor(i / 6) % 6]!, CUBE_LEVELS[i % 6]!);
  }
  const grey = 8 + (n - 232) * 10;
  return hex(grey, grey, grey);
}

/** A colour resolved to '#rrggbb', `fallback` for the default. */
export function resolveColour(colour: TerminalColour, fallback: string): string {
  if (colour === null) return fallback;
  if (typeof colour === 'number') return paletteColour(colour);
  return /^#[0-9a-f]{6}$/i.test(colour) ? colour.toLowerCase() : fallback;
}

/** `colour` mixed with `toward` by `amount` (0 = colour, 1 = toward): how dim text is drawn. */
export function mix(colour: string, toward: string, amount: number): string {
  const a = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
  const b = [1, 3, 5].map((i) => parseInt(toward.slice(i, i + 2), 16));
  return hex(a[0]! + (b[0]! - a[0]!) * amount, a[1]! + (b[1]! - a[1]!) * amount, a[2]! + (b[2]! - a[2]!) * amount);
}
