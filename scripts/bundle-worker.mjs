#!/usr/bin/env node
// Bundles the pool worker (dist/pool/worker-entry.js and the modules it imports) into one small
// CommonJS file, dist/pool/worker.cjs, after tsc. Each worker is a Node process of its own: read
// as one comment-free ASCII file through the CommonJS loader, it holds ~3 MB less than as 19 ES
// modules (their sources kept two bytes a character for the non-ASCII in their comments, and the
// ES module loader's own state); figures in docs/performance.md.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = 'dist/pool/worker.cjs';

try {
  await build({
    absWorkingDir: root,
    entryPoints: ['dist/pool/worker-entry.js'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Whitespace and comments only: the names stay, so a worker's stack trace still reads.
    minifyWhitespace: true,
    charset: 'ascii',
    legalComments: 'none',
    logLevel: 'warning',
  });
} catch {
  process.stderr.write('bundle-worker: the worker bundle was not built\n');
  process.exit(1);
}

// esbuild leaves regular expressions as written: a non-ASCII character there would make V8 keep
// the whole source two bytes a character. Say where, so the source can spell it as an escape.
const text = readFileSync(new URL(`../${outfile}`, import.meta.url), 'utf8');
const wide = /[^\0-\x7f]/.exec(text);
if (wide) {
  process.stderr.write(
    `bundle-worker: ${outfile} has a non-ASCII character at ${wide.index}: ${JSON.stringify(text.slice(wide.index - 30, wide.index + 10))}\n`,
  );
  process.exit(1);
}
