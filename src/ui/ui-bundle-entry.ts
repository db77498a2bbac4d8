// Everything the interactive monitor needs from Ink, React and the screen, as the one entry point
// scripts/bundle-ui.mjs bundles into dist/ui/ui-bundle.js. Loading Ink's ~60 modules, React and
// es-toolkit's whole compat build (Ink imports one function from it) took four times as long as
// the bundle does (docs/performance.md). Loading it installs the run-time patches to Ink's frame
// output and its frame writer, or throws saying why it could not (src/ui/ink/, docs/ink-patches.md).
import { installFastOutput } from './ink/fast-output.js';
import { installFrameWriter } from './ink/frame-writer.js';
import { forgetMeasuredTexts } from './ink/measure-text.js';
import { forgetWrappedTexts } from './ink/wrap-text.js';

installFastOutput();
installFrameWriter();

export { render } from 'ink';
export { default as React } from 'react';
export { App } from './app.js';
export { colorDepth } from './color-schemes.js';
export { COLOR_THEME, MONO_THEME, ThemeContext } from './theme.js';
export { ThemeRoot } from './theme-root.js';
export { StoreContext } from './use-app-store.js';

/**
 * Empties the bundle's two bounded text caches. They fill and empty over a few hundred refreshes,
 * so the memory test weighs the heap with them emptied, to see what else a refresh keeps.
 */
export function forgetTextCaches(): void {
  forgetMeasuredTexts();
  forgetWrappedTexts();
}
