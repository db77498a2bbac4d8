// Colours, as one object: with --no-color or NO_COLOR every entry is undefined, so components
// draw monochrome (selection by inverse video) without a branch of their own.
import { createContext, useContext } from 'react';

export interface Theme {
  user: string | undefined;
  system: string | undefined;
  nice: string | undefined;
  memory: string | undefined;
  swap: string | undefined;
  label: string | undefined;
  value: string | undefined;
  header: string | undefined;
  headerText: string | undefined;
  selected: string | undefined;
  selectedText: string | undefined;
  tagged: string | undefined;
  running: string | undefined;
  stopped: string | undefined;
  zombie: string | undefined;
  guide: string | undefined;
  dim: string | undefined;
  worker: string | undefined;
  keyName: string | undefined;
  keyLabel: string | undefined;
  info: string | undefined;
  warn: string | undefined;
  error: string | undefined;
  /** False in monochrome: components fall back to inverse and bold. */
  color: boolean;
}

export const COLOR_THEME: Theme = {
  user: 'green',
  system: 'red',
  nice: 'blue',
  memory: 'green',
  swap: 'red',
  label: 'cyan',
  value: 'cyanBright',
  header: 'green',
  headerText: 'black',
  selected: 'cyan',
  selectedText: 'black',
  tagged: 'yellow',
  running: 'green',
  stopped: 'red',
  zombie: 'magenta',
  guide: 'gray',
  dim: 'gray',
  worker: 'yellow',
  keyName: 'white',
  keyLabel: 'cyan',
  info: 'cyan',
  warn: 'yellow',
  error: 'red',
  color: true,
};

export const MONO_THEME: Theme = Object.fromEntries(Object.keys(COLOR_THEME).map((k) => [k, k === 'color' ? false : undefined])) as unknown as Theme;

export const ThemeContext = createContext<Theme>(COLOR_THEME);

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
