// htop's screens (Tab): named tables, each with its own columns and sort. The first ("Main") is
// what the columns and sort settings hold; the others are the settings file's `screens`, checked
// here. Pure data.
import { parseColumnId, parseColumnList, type ColumnId } from './columns.js';
import { sanitizeText } from './sanitize.js';
import type { SortOrder } from './sort-rows.js';
import { displayWidth } from './text-width.js';

export interface TableScreen {
  name: string;
  columns: readonly ColumnId[];
  sort: SortOrder;
}

/** The screens after the first, as the settings file writes them. */
export interface SavedScreen {
  name: string;
  columns: readonly ColumnId[];
  sortKey: ColumnId;
  sortInverted: boolean;
}

export const MAX_SCREENS = 16;
/** Cells of a screen's name: a tab is a word or two, not a sentence. */
export const MAX_SCREEN_NAME = 20;
export const MAIN_SCREEN_NAME = 'Main';

/** htop's I/O screen, with the columns pooltop has: the disk rates, sorted by both together. */
export const DEFAULT_EXTRA_SCREENS: readonly SavedScreen[] = [
  { name: 'I/O', columns: ['pid', 'user', 'iorate', 'ioread', 'iowrite', 'command'], sortKey: 'iorate', sortInverted: false },
];

/** A name fit for a tab: sanitized, one line, non-empty, at most MAX_SCREEN_NAME cells; undefined otherwise. */
export function parseScreenName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.trim();
  if (name === '' || sanitizeText(name) !== name || displayWidth(name) > MAX_SCREEN_NAME) return undefined;
  return name;
}

/** The `screens` setting when all of it is good: at most MAX_SCREENS - 1 screens, each a name, known columns and a sort. */
export function parseScreens(value: unknown): SavedScreen[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_SCREENS - 1) return undefined;
  const screens: SavedScreen[] = [];
  for (const entry of value) {
    if (typeof entry !== 'object' || entry === null) return undefined;
    const { name, columns, sortKey, sortInverted } = entry as Record<string, unknown>;
    const parsedName = parseScreenName(name);
    const parsedColumns = Array.isArray(columns) && columns.length <= 64 ? parseColumnList(columns) : undefined;
    const key = typeof sortKey === 'string' ? parseColumnId(sortKey) : undefined;
    if (parsedName === undefined || parsedColumns === undefined || key === undefined || typeof sortInverted !== 'boolean') return undefined;
    screens.push({ name: parsedName, columns: parsedColumns, sortKey: key, sortInverted });
  }
  return screens;
}

export function fromSaved(screen: SavedScreen): TableScreen {
  return { name: screen.name, columns: screen.columns, sort: { key: screen.sortKey, inverted: screen.sortInverted } };
}

export function toSaved(screen: TableScreen): SavedScreen {
  return { name: screen.name, columns: screen.columns, sortKey: screen.sort.key, sortInverted: screen.sort.inverted };
}

/** What the screens are read from: the list as last left, the one shown, and the view showing it. */
export interface ScreensView {
  screens: readonly TableScreen[];
  screen: number;
  view: { columns: readonly ColumnId[]; sort: SortOrder };
}

/** Every screen as it is now: the shown one with the view's columns and sort. */
export function liveScreens(state: ScreensView): TableScreen[] {
  return state.screens.map((s, i) => (i === state.screen ? { ...s, columns: state.view.columns, sort: state.view.sort } : s));
}

/** The first screen's columns and sort, which the columns and sort settings hold: the same objects while nothing changes. */
export function mainScreen(state: ScreensView): Pick<TableScreen, 'columns' | 'sort'> {
  return state.screen === 0 ? state.view : (state.screens[0] ?? state.view);
}
