// The colour schemes (htop has eight): each a theme in the 16 colours every terminal has, with
// richer shades used where the terminal shows 256 colours or true colour; and how deep the
// terminal's colours go, read from the environment as terminals announce it.
import { DEFAULT_SCHEME, type SchemeName } from '../model/scheme-names.js';
import { COLOR_THEME, MONO_THEME, type Theme } from './theme.js';

export type ColorDepth = 16 | 256 | 'truecolor';

interface Scheme {
  name: SchemeName;
  /** What the setup screen says of it. */
  title: string;
  /** The 16-colour theme. */
  base: Theme;
  /** Entries replaced by '#rrggbb' shades on a terminal of 256 colours or more. */
  rich?: Partial<Record<keyof Theme, string>>;
}

const LIGHT: Theme = {
  ...COLOR_THEME,
  memory: 'green',
  label: 'blue',
  value: 'black',
  header: 'blue',
  headerText: 'whiteBright',
  selected: 'blue',
  selectedText: 'whiteBright',
  tagged: 'magenta',
  running: 'green',
  guide: 'blue',
  dim: 'gray',
  worker: 'magenta',
  keyName: 'black',
  keyLabel: 'blue',
  info: 'blue',
  warn: 'magenta',
};

const BLACK_NIGHT: Theme = {
  ...COLOR_THEME,
  label: 'green',
  value: 'greenBright',
  header: 'green',
  headerText: 'black',
  selected: 'green',
  selectedText: 'black',
  tagged: 'yellowBright',
  running: 'greenBright',
  guide: 'green',
  keyName: 'greenBright',
  keyLabel: 'green',
  info: 'green',
};

const NORD: Theme = {
  ...COLOR_THEME,
  user: 'cyan',
  system: 'red',
  nice: 'blue',
  memory: 'cyan',
  label: 'blue',
  value: 'cyanBright',
  header: 'blue',
  headerText: 'black',
  selected: 'cyan',
  selectedText: 'black',
  tagged: 'yellow',
  keyLabel: 'blue',
};

export const SCHEMES: readonly Scheme[] = [
  { name: 'default', title: 'Default (for dark terminals)', base: COLOR_THEME },
  { name: 'monochrome', title: 'Monochrome: inverse, bold and underline only', base: MONO_THEME },
  {
    name: 'light-terminal',
    title: 'Light terminal: dark text on a white background',
    base: LIGHT,
    rich: { header: '#1f5fa8', selected: '#1f5fa8', keyLabel: '#1f5fa8', label: '#1f5fa8', guide: '#5f87af', memory: '#2e7d32', user: '#2e7d32' },
  },
  {
    name: 'black-night',
    title: 'Black night: green on black',
    base: BLACK_NIGHT,
    rich: { header: '#2e8b57', selected: '#3cb371', keyLabel: '#2e8b57', value: '#98fb98', guide: '#3a6b4a' },
  },
  {
    name: 'nord',
    title: 'Nord: cool blues (richest on 256-colour terminals)',
    base: NORD,
    rich: {
      user: '#88c0d0',
      system: '#bf616a',
      nice: '#81a1c1',
      memory: '#a3be8c',
      swap: '#bf616a',
      label: '#81a1c1',
      value: '#eceff4',
      header: '#5e81ac',
      headerText: '#eceff4',
      selected: '#88c0d0',
      selectedText: '#2e3440',
      tagged: '#ebcb8b',
      running: '#a3be8c',
      stopped: '#bf616a',
      zombie: '#b48ead',
      guide: '#4c566a',
      dim: '#4c566a',
      worker: '#ebcb8b',
      keyName: '#eceff4',
      keyLabel: '#5e81ac',
      info: '#88c0d0',
      warn: '#ebcb8b',
      error: '#bf616a',
    },
  },
];

/** The theme of scheme `name` at `depth`; an unknown name is the default scheme. */
export function schemeTheme(name: string, depth: ColorDepth): Theme {
  const scheme = SCHEMES.find((s) => s.name === name) ?? SCHEMES.find((s) => s.name === DEFAULT_SCHEME)!;
  if (depth === 16 || !scheme.rich || !scheme.base.color) return scheme.base;
  const theme: Record<string, unknown> = { ...scheme.base };
  for (const [key, hex] of Object.entries(scheme.rich)) theme[key] = depth === 'truecolor' ? hex : `ansi256(${hexTo256(hex)})`;
  return theme as unknown as Theme;
}

/**
 * How many colours the terminal shows: true colour when COLORTERM says so (as VTE, iTerm2,
 * kitty, Windows Terminal and tmux with Tc set it), 256 when TERM names a 256-colour entry,
 * else the 16 every terminal has.
 */
export function colorDepth(env: NodeJS.ProcessEnv): ColorDepth {
  const colorterm = (env['COLORTERM'] ?? '').toLowerCase();
  if (colorterm === 'truecolor' || colorterm === '24bit') return 'truecolor';
  if (/256(colou?r)?/i.test(env['TERM'] ?? '')) return 256;
  return 16;
}

/** The nearest of xterm's 6×6×6 colour cube (16–231) or its 24 greys (232–255). */
export function hexTo256(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  const level = (v: number): number => (v < 48 ? 0 : v < 115 ? 1 : Math.floor((v - 35) / 40));
  const cube = 16 + 36 * level(r) + 6 * level(g) + level(b);
  const steps = [0, 95, 135, 175, 215, 255];
  const cubeError = (r - steps[level(r)]!) ** 2 + (g - steps[level(g)]!) ** 2 + (b - steps[level(b)]!) ** 2;
  const grey = Math.min(23, Math.max(0, Math.round(((r + g + b) / 3 - 8) / 10)));
  const greyValue = 8 + grey * 10;
  const greyError = (r - greyValue) ** 2 + (g - greyValue) ** 2 + (b - greyValue) ** 2;
  return greyError < cubeError ? 232 + grey : cube;
}
