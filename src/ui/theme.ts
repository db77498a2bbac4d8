// Colours, as one object: with --no-color or NO_COLOR every entry is undefined, so components
// draw monochrome (selection by inverse video) without a branch of their own.
import { createContext, useContext } from 'react';

export interface Theme {
  user: string | undefined;
  system: string | undefined;
  nice: string | undefined;
  memory: string | undefined;
  /** The memory meter's other parts, htop's colours: shared, compressed, buffers, cache. */
  memoryShared: string | undefined;
  memoryCompressed: string | undefined;
  memoryBuffers: string | undefined;
  memoryCache: string | undefined;
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
  /** A user thread's command (htop draws threads green). */
  thread: string | undefined;
  /** Rows of processes that started a moment ago, and of those just exited (highlighting on), on the text colour below. */
  newProcess: string | undefined;
  goneProcess: string | undefined;
  changedText: string | undefined;
  /** The program's base name in a command, when highlighted (htop's: bold cyan; bold in monochrome). */
  baseName: string | undefined;
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
  memoryShared: 'magenta',
  memoryCompressed: 'gray',
  memoryBuffers: 'blueBright',
  memoryCache: 'yellow',
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
  thread: 'green',
  newProcess: 'green',
  goneProcess: 'red',
  changedText: 'black',
  baseName: 'cyan',
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
