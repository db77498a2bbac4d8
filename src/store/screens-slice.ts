// htop's screens (Tab): the named tables and which is shown. The shown one's columns and sort
// live in the view while it is shown (every key that changes them changes the view); its entry
// here is as it was when it was last left, and liveScreens (in the model) puts the two together.
import { DEFAULT_EXTRA_SCREENS, fromSaved, liveScreens, MAIN_SCREEN_NAME, MAX_SCREENS, type SavedScreen, type TableScreen } from '../model/table-screens.js';
import type { SliceCreator } from './app-store.js';
import { initialView, type ViewOptions } from './view-state.js';

export interface ScreensOptions extends ViewOptions {
  /** The screens after the first (the settings file's `screens`). */
  screens?: readonly SavedScreen[];
  mainScreenName?: string;
}

export interface ScreensSlice {
  screens: readonly TableScreen[];
  /** The index of the screen shown. */
  screen: number;
  /** Tab / Shift-Tab: the next or the previous screen, round. */
  cycleScreen(delta: 1 | -1): void;
  showScreen(index: number): void;
  /** A new screen with the shown one's columns and sort, shown at once. */
  addScreen(): void;
  renameScreen(index: number, name: string): void;
  /** Every screen but the first can go; the one shown goes to the one before. */
  removeScreen(index: number): void;
}

export const createScreensSlice =
  (options: ScreensOptions): SliceCreator<ScreensSlice> =>
  (set, get) => ({
    screens: [
      { name: options.mainScreenName ?? MAIN_SCREEN_NAME, columns: initialView(options).columns, sort: initialView(options).sort },
      ...(options.screens ?? DEFAULT_EXTRA_SCREENS).map(fromSaved),
    ],
    screen: 0,

    cycleScreen(delta) {
      const { screens, screen } = get();
      if (screens.length < 2) {
        get().notify('one screen: F2 → Screens adds another', 'info');
        return;
      }
      get().showScreen((screen + delta + screens.length) % screens.length);
    },
    showScreen(index) {
      const state = get();
      const next = state.screens[index];
      if (!next || index === state.screen) return;
      // One update: between two, the settings would see the new screen with the old columns.
      state.showTable(next.columns, next.sort, { screens: liveScreens(state), screen: index });
    },
    addScreen() {
      const state = get();
      if (state.screens.length >= MAX_SCREENS) {
        get().notify(`at most ${MAX_SCREENS} screens`, 'warn');
        return;
      }
      const taken = new Set(state.screens.map((s) => s.name));
      let n = state.screens.length + 1;
      while (taken.has(`Screen ${n}`)) n++;
      const live = liveScreens(state);
      const shown = live[state.screen]!;
      set({ screens: [...live, { name: `Screen ${n}`, columns: shown.columns, sort: shown.sort }] });
      get().showScreen(live.length);
    },
    renameScreen(index, name) {
      const screens = get().screens;
      if (screens[index]) set({ screens: screens.map((s, i) => (i === index ? { ...s, name } : s)) });
    },
    removeScreen(index) {
      const state = get();
      if (index <= 0 || index >= state.screens.length) return;
      if (index === state.screen) get().showScreen(index - 1);
      const after = get();
      set({ screens: after.screens.filter((_, i) => i !== index), screen: after.screen > index ? after.screen - 1 : after.screen });
    },
  });
