#!/usr/bin/env node
// Bundles the interactive screen (Ink, React, src/ui) into dist/ui/ui-bundle.js after tsc: one file
// loads in ~100 ms and 66 MB where the separate modules took ~400 ms and 94 MB (measured on the
// same machine). The rest of pooltop stays plain tsc output; without the bundle it still runs.
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const empty = fileURLToPath(new URL('../dist/ui/empty-module.js', import.meta.url));
const fastStringWidth = fileURLToPath(new URL('../dist/ui/fast-string-width.js', import.meta.url));
// Ink reaches React DevTools only when DEV=true; the bundle does without it.
writeFileSync(empty, 'export default {};\n');

// Ink's measure-text.js and wrap-text.js memoize every text they ever see, without bound: the
// bundle takes pooltop's versions of the two, the same code with a bounded cache.
const inkPatches = {
  name: 'pooltop-ink-patches',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^\.\/(measure-text|wrap-text)\.js$/ }, (args) => {
      if (!/[\\/]ink[\\/]build[\\/]/.test(args.importer)) return undefined;
      const name = args.path.slice(2);
      return { path: fileURLToPath(new URL(`../dist/ui/ink-patches/${name}`, import.meta.url)) };
    });
    // Ink sanitizes every text of every frame with a JavaScript tokenizer (~0.2 ms a refresh at 70
    // processes, in a CPU profile, ~3 % of it). Text whose only escapes are SGR colour
    // sequences comes out unchanged, so one regular-expression test lets such text through first.
    pluginBuild.onLoad({ filter: /[\\/]ink[\\/]build[\\/]sanitize-ansi\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const head = 'const sanitizeAnsi = (text) => {';
      if (!source.includes(head)) throw new Error(`bundle-ui: Ink's sanitizeAnsi not found in ${args.path}`);
      const fastPath = '\n    if (!/\\u001B(?!\\[[\\d:;]*m)|[\\u0080-\\u009F]/.test(text)) return text;';
      return { contents: source.replace(head, head + fastPath), loader: 'js' };
    });
    // Yoga's Emscripten loader asks `typeof fetch` before decoding its inlined wasm; on Node that
    // question alone loads undici, Node's fetch (~8 ms of start-up in a CPU profile, and its code
    // stays in memory). The wasm is a data: URL decoded synchronously either way.
    pluginBuild.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const patched = source.replaceAll('"function"!=typeof fetch', 'true');
      if (patched === source) throw new Error(`bundle-ui: yoga's fetch check not found in ${args.path}`);
      return { contents: patched, loader: 'js' };
    });
  },
};

await build({
  plugins: [inkPatches],
  absWorkingDir: root,
  entryPoints: ['dist/ui/ui-bundle-entry.js'],
  outfile: 'dist/ui/ui-bundle.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // React picks its production build by this; the development one costs 20 % more per refresh.
  define: { 'process.env.NODE_ENV': '"production"' },
  // Every package's string-width (Ink's layout, widest-line, wrap-ansi, cli-truncate…) measures as
  // pooltop does, one code point at a time as the terminal does (src/ui/fast-string-width.ts).
  alias: { 'react-devtools-core': empty, 'string-width': fastStringWidth },
  // CommonJS packages inside (react-reconciler) may still call require() for Node's built-ins.
  banner: { js: "import { createRequire as __pooltopRequire } from 'node:module'; const require = __pooltopRequire(import.meta.url);" },
  legalComments: 'none',
  // Linked, so a stack trace under --enable-source-maps names the module and line; without the
  // sources' text, which would double the package (the names are enough to find them).
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'warning',
});
