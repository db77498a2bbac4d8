// The theme the screen is drawn with: the store's colour scheme at the terminal's colour depth,
// or monochrome whatever the scheme when colour is off for this run (NO_COLOR, --no-color).
import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { schemeTheme, type ColorDepth } from './color-schemes.js';
import { MONO_THEME, ThemeContext } from './theme.js';
import { useAppStore } from './use-app-store.js';

interface ThemeRootProps {
  depth: ColorDepth;
  /** Colour is off for this run: every scheme draws as monochrome. */
  monochrome: boolean;
  children?: ReactNode;
}

export function ThemeRoot({ depth, monochrome, children }: ThemeRootProps) {
  const scheme = useAppStore((s) => s.colorScheme);
  const theme = useMemo(() => (monochrome ? MONO_THEME : schemeTheme(scheme, depth)), [scheme, depth, monochrome]);
  return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}
