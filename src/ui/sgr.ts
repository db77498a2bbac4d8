// Styling text with SGR escape codes directly, for the screen parts drawn as one pre-styled string
// per line (the process table): one Ink <Text> per screen instead of several per row is what
// keeps a refresh cheap. The codes are the 16 colours every terminal has, named as in the theme.

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
  const codes: number[] = [];
  if (style.bold) codes.push(1);
  if (style.dim) codes.push(2);
  if (style.underline) codes.push(4);
  if (style.inverse) codes.push(7);
  if (style.strikethrough) codes.push(9);
  const fg = style.color ? FOREGROUND[style.color] : undefined;
  if (fg !== undefined) codes.push(fg);
  const bg = style.backgroundColor ? FOREGROUND[style.backgroundColor] : undefined;
  if (bg !== undefined) codes.push(bg + 10);
  if (codes.length === 0) return text;
  return `\x1b[${codes.join(';')}m${text}\x1b[0m`;
}
