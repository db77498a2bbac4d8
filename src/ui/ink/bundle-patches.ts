// The UI bundle's build-time patches to Ink and the packages it draws with, as one esbuild plugin
// (scripts/bundle-ui.mjs), behind the one check of Ink's version: the build fails on another Ink,
// and on a patch that found nothing to patch. The run-time patches are fast-output.ts, repaint.ts
// and input-events.ts; docs/ink-patches.md measures each.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin, PartialMessage } from 'esbuild';
import { isSupportedInk, SUPPORTED_INK } from './ink-version.js';

const INK_BUILD = /[\\/]node_modules[\\/]ink[\\/]build[\\/]/;

/** `dist`: where tsc wrote pooltop's modules, the replacements among them. */
export function inkBundlePatches(dist: string): Plugin {
  const ink = (name: string) => join(dist, 'ui', 'ink', name);
  return {
    name: 'pooltop-ink-patches',
    setup(build) {
      const applied = new Set<string>();
      const checked = new Map<string, PartialMessage | null>();

      // Every Ink module the bundle takes comes from an ink 6.8.x package, or the build stops.
      build.onLoad({ filter: /[\\/]node_modules[\\/]ink[\\/]build[\\/].*\.js$/ }, (args) => {
        const pkg = args.path.slice(0, args.path.search(INK_BUILD) + '/node_modules/ink'.length);
        if (!checked.has(pkg)) checked.set(pkg, inkVersionError(pkg));
        const error = checked.get(pkg);
        return error ? { errors: [error] } : undefined;
      });

      // Ink's measure-text.js and wrap-text.js memoize every text they ever see, without bound (36 MB
      // an hour for pooltop's table): the bundle takes pooltop's, the same code with bounded caches.
      build.onResolve({ filter: /^\.\/(measure-text|wrap-text)\.js$/ }, (args) => {
        if (!INK_BUILD.test(args.importer)) return undefined;
        const name = args.path.slice(2);
        applied.add(name);
        return { path: ink(name) };
      });

      // Every package's string-width (Ink's layout and output, widest-line, wrap-ansi, cli-truncate)
      // measures as pooltop does, one code point at a time as the terminal does.
      build.onResolve({ filter: /^string-width$/ }, () => {
        applied.add('string-width');
        return { path: ink('fast-string-width.js') };
      });

      // Ink imports react-devtools-core only when DEV=true; the bundle does without it.
      build.onResolve({ filter: /^react-devtools-core$/ }, () => {
        applied.add('react-devtools-core');
        return { path: ink('no-devtools.js') };
      });

      // Yoga's Emscripten loader (yoga-layout 3.2, Ink's layout engine) asks `typeof fetch` before it
      // decodes its inlined wasm. On Node the question loads undici, Node's fetch, and the wasm's
      // data: URL then goes through it; told there is no fetch, the loader decodes it at once.
      build.onLoad({ filter: /[\\/]node_modules[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const patched = source.replaceAll('"function"!=typeof fetch', 'true');
        if (patched === source || patched.includes('typeof fetch')) return undefined;
        applied.add('yoga-layout');
        return { contents: patched, loader: 'js' };
      });

      build.onEnd(() => {
        if (checked.size === 0) return { errors: [{ text: 'no module of Ink was bundled, so its version was not checked' }] };
        // Another Ink has been said already; what its files lack follows from it.
        if ([...checked.values()].some((error) => error !== null)) return undefined;
        const missing = ['measure-text.js', 'wrap-text.js', 'string-width', 'react-devtools-core', 'yoga-layout'].filter((name) => !applied.has(name));
        return { errors: missing.map((name) => ({ text: `the Ink patch for ${name} found nothing to replace (see docs/ink-patches.md)` })) };
      });
    },
  };
}

function inkVersionError(pkg: string): PartialMessage | null {
  let version = '(unreadable)';
  try {
    version = String((JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version?: unknown }).version);
  } catch {
    // Said below with the version unread.
  }
  if (isSupportedInk(version)) return null;
  return {
    text: `ink ${version} in ${pkg}: pooltop's patches to Ink are written for ink ${SUPPORTED_INK} (docs/ink-patches.md says how to move to another)`,
  };
}
