// Styling text with SGR escape codes directly, for the screen parts drawn as one pre-styled string
// per line (the process table): one Ink <Text> per screen instead of several per row is what
// keeps a refresh cheap. Colours are named as in the theme: the 16 every terminal has, and
// 'ansi256(n)' or '#rrggbb' (as Ink's <Text> takes them) for the schemes' richer shades.

const FOREGROUND: Record<string, number> = {
  black: 30,
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  magenta: 35,
  cyan: 36,
  white: 37,
  gray: 90,
  grey: 90,
  redBright: 91,
  greenBright: 92,
  yellowBright: 93,
  blueBright: 94,
  magentaBright: 95,
  cyanBright: 96,
  whiteBright: 97,
};

export interface Style {
  color?: string | undefined;
  backgroundColor?: string | undefined;
  bold?: boolean | undefined;
  dim?: boolean | undefined;
  underline?: boolean | undefined;
  inverse?: boolean | undefined;
  strikethrough?: boolean | undefined;
}

/** `text` wrapped in the codes for `style`, reset after; plain text when the style is empty. */
export function styled(text: string, style: Style): string {
  if (text === '') return '';
  const codes: (number | string)[] = [];
  if (style.bold) codes.push(1);
  if (style.dim) codes.push(2);
  if (style.underline) codes.push(4);
  if (style.inverse) codes.push(7);
  if (style.strikethrough) codes.push(9);
  if (style.color) pushColor(codes, style.color, 0);
  if (style.backgroundColor) pushColor(codes, style.backgroundColor, 10);
  if (codes.length === 0) return text;
  return `\x1b[${codes.join(';')}m${text}\x1b[0m`;
}

const ANSI256 = /^ansi256\((\d{1,3})\)$/;
const HEX = /^#([0-9a-f]{6})$/i;

/** The codes of one colour; `offset` 10 makes a foreground code a background one. */
function pushColor(codes: (number | string)[], color: string, offset: 0 | 10): void {
  const named = FOREGROUND[color];
  if (named !== undefined) {
    codes.push(named + offset);
    return;
  }
  const indexed = ANSI256.exec(color);
  if (indexed) {
    codes.push(`${38 + offset};5;${Math.min(255, Number(indexed[1]))}`);
    return;
  }
  const hex = HEX.exec(color);
  if (hex) {
    const n = Number.parseInt(hex[1]!, 16);
    codes.push(`${38 + offset};2;${(n >> 16) & 255};${(n >> 8) & 255};${n & 255}`);
  }
}
