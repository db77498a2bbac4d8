#!/usr/bin/env node
// Runs every test under test/ (or the files/folders given, less those under --exclude=<path>)
// with Node's test runner, TypeScript loaded through tsx. Node 20's runner takes no globs, so the
// files are listed here. Other --flags go to the runner.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';

const TEST_FILE = /\.test\.tsx?$/;

function collect(path, out) {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) collect(join(path, name), out);
  } else if (TEST_FILE.test(path)) {
    out.push(path);
  }
  return out;
}

const EXCLUDE = '--exclude=';
const args = process.argv.slice(2);
const roots = args.filter((a) => !a.startsWith('--'));
const excluded = args.filter((a) => a.startsWith(EXCLUDE)).map((a) => resolve(a.slice(EXCLUDE.length)));
const flags = args.filter((a) => a.startsWith('--') && !a.startsWith(EXCLUDE));
const isUnder = (file, dir) => {
  const path = relative(dir, resolve(file));
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
};
const files = (roots.length > 0 ? roots : ['test']).flatMap((root) => collect(root, [])).filter((file) => !excluded.some((dir) => isUnder(file, dir)));
if (files.length === 0) {
  console.error('run-tests: no test files found');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    '--test-timeout=120000',
    ...(flags.some((f) => f.startsWith('--test-reporter')) ? [] : ['--test-reporter=spec']),
    ...flags,
    ...files,
  ],
  { stdio: 'inherit', env: { ...process.env, POOLTOP_TEST: '1', TSX_TSCONFIG_PATH: 'tsconfig.test.json' } },
);
process.exit(result.status ?? 1);
