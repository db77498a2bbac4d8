#!/usr/bin/env node
// Bundles the interactive screen (Ink, React, src/ui) into dist/ui/ui-bundle.js after tsc: one file
// loads in a quarter of the time and with less memory than the separate modules
// (docs/performance.md). The rest of pooltop stays plain tsc output; the monitor needs the
// bundle. Every patch to Ink, and the check of its version, is in src/ui/ink/ (docs/ink-patches.md).
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = fileURLToPath(new URL('../dist', import.meta.url));
const { inkBundlePatches } = await import(new URL('../dist/ui/ink/bundle-patches.js', import.meta.url).href);

try {
  await build({
    plugins: [inkBundlePatches(dist)],
    absWorkingDir: root,
    entryPoints: ['dist/ui/ui-bundle-entry.js'],
    outfile: 'dist/ui/ui-bundle.js',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // React picks its production build by this; the development one costs 20 % more per refresh.
    define: { 'process.env.NODE_ENV': '"production"' },
    // CommonJS packages inside (react-reconciler) may still call require() for Node's built-ins.
    banner: { js: "import { createRequire as __pooltopRequire } from 'node:module'; const require = __pooltopRequire(import.meta.url);" },
    legalComments: 'none',
    // Linked, so a stack trace under --enable-source-maps names the module and line; without the
    // sources' text, which would double the package (the names are enough to find them).
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'warning',
  });
} catch {
  // esbuild has printed each error (logLevel) already.
  process.stderr.write('bundle-ui: the UI bundle was not built\n');
  process.exit(1);
}

// esbuild writes strings ASCII-only but leaves regular expressions and the comments it keeps as
// written. One character above U+00FF anywhere makes V8 hold the whole 1.2 MB source two bytes a
// character, for as long as pooltop runs: escaped, the same code is held in half (docs/performance.md).
// A \uXXXX means the same character in a regular expression as in a comment; the lines that change
// are the few that had such a character, so the source map stays right up to them.
const bundlePath = fileURLToPath(new URL('../dist/ui/ui-bundle.js', import.meta.url));
const bundled = readFileSync(bundlePath, 'utf8');
writeFileSync(
  bundlePath,
  bundled.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
);
