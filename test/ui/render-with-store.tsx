// Renders a component inside the store and theme providers, as the real app does.
import './force-color.js';
import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { createAppStore, type AppStore } from '../../src/store/app-store.js';
import { COLOR_THEME, MONO_THEME, ThemeContext } from '../../src/ui/theme.js';
import { StoreContext } from '../../src/ui/use-app-store.js';

export function renderWithStore(element: ReactElement, store: AppStore = createAppStore(), color = true) {
  const result = render(
    <ThemeContext.Provider value={color ? COLOR_THEME : MONO_THEME}>
      <StoreContext.Provider value={store}>{element}</StoreContext.Provider>
    </ThemeContext.Provider>,
  );
  return { ...result, store };
}

const SGR = /\x1b\[[0-9;]*m/g;

export function plain(frame: string | undefined): string {
  return (frame ?? '').replace(SGR, '');
}

/** The PID on the highlighted row of a frame (cyan background or inverse video), if any. */
export function highlightedPid(frame: string | undefined): number | null {
  for (const line of (frame ?? '').split('\n')) {
    // A background colour (cyan, 46) or inverse video (7) among the SGR parameters.
    if (/\x1b\[(?:[\d;]*;)?(46|7)(?:;[\d;]*)?m/.test(line)) {
      const match = /^\s*(\d+)\s/.exec(plain(line));
      if (match) return Number(match[1]);
    }
  }
  return null;
}
