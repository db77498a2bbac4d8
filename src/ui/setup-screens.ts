// The setup screen's Screens page (htop's screen tabs), as data over the store: every screen with
// its columns and sort, then "New screen"; what Enter, r (rename), F9 and Delete do, and the
// rename prompt's keys. The Columns page edits the screen shown.
import { column } from '../model/columns.js';
import { sanitizeText } from '../model/sanitize.js';
import { liveScreens, MAX_SCREEN_NAME, parseScreenName } from '../model/table-screens.js';
import type { AppState, AppStore } from '../store/app-store.js';
import type { KeyPress } from './parse-key.js';
import type { SetupEntry } from './setup-entries.js';

export type ScreensState = Pick<AppState, 'screens' | 'screen' | 'view' | 'setup'>;

export function screenEntries(state: ScreensState): SetupEntry[] {
  const renaming = state.setup.rename;
  const screens = liveScreens(state).map((s, i): SetupEntry => {
    const editing = renaming !== undefined && state.setup.item === i;
    const sort = `sorted by ${column(s.sort.key).header}${s.sort.inverted ? ' (inverted)' : ''}`;
    return {
      label: editing ? `${sanitizeText(renaming)}_` : s.name,
      hint: editing
        ? `a new name, up to ${MAX_SCREEN_NAME} cells (Enter keeps, Esc cancels)`
        : `${s.columns.length} columns, ${sort}${i === state.screen ? ' · shown: the Columns page edits it' : ''}`,
      on: i === state.screen,
      radio: true,
    };
  });
  return [...screens, { label: 'New screen', hint: "Enter: a new screen with the shown one's columns and sort" }];
}

/** A key on the Screens page with entry `item` highlighted; false when it is not the page's. */
export function screenKeys(store: AppStore, item: number, key: KeyPress): boolean {
  const state = store.getState();
  const count = state.screens.length;
  if (item === count) {
    if (key.name !== 'enter' && key.name !== ' ') return false;
    state.addScreen();
    state.moveSetup({ item: store.getState().screen });
    return true;
  }
  if (item > count) return false;
  switch (key.name) {
    case 'enter':
    case ' ':
      state.showScreen(item);
      return true;
    case 'r':
      state.moveSetup({ rename: state.screens[item]?.name ?? '' });
      return true;
    case 'f9':
    case 'delete':
    case 'backspace':
      if (item === 0) state.notify('the first screen stays: the columns and sort settings are its', 'info');
      else {
        const name = state.screens[item]?.name;
        state.removeScreen(item);
        state.notify(`screen ${name} removed`, 'info');
      }
      return true;
  }
  return false;
}

/** A key while a screen's name is typed: letters add, Backspace takes away, Enter keeps a good name, Esc cancels. */
export function renameKeys(store: AppStore, key: KeyPress): void {
  const state = store.getState();
  const text = state.setup.rename ?? '';
  if (key.name === 'escape' || key.name === 'C-c') state.moveSetup({ rename: undefined });
  else if (key.name === 'backspace') state.moveSetup({ rename: [...text].slice(0, -1).join('') });
  else if (key.name === 'enter') {
    const name = parseScreenName(text);
    if (name === undefined) {
      state.notify(`a screen's name is 1 to ${MAX_SCREEN_NAME} cells of printable text`, 'warn');
      return;
    }
    state.renameScreen(state.setup.item, name);
    state.moveSetup({ rename: undefined });
    // A paste is cut short: a name is a few words.
  } else if (key.text !== '' && !key.mouse) state.moveSetup({ rename: [...(text + key.text)].slice(0, MAX_SCREEN_NAME * 2).join('') });
}
