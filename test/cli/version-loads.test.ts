import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The files of pooltop's own that `node dist/cli.js ...args` loads, in load order, with what it printed. */
function modulesLoaded(args: string[]): { files: string[]; stdout: string } {
  // A module hook (run in node's loader thread) that names each file module as it is resolved.
  const hook = `export async function resolve(specifier, context, next) {
    const resolved = await next(specifier, context);
    if (resolved.url.startsWith('file:')) process._rawDebug('loads ' + resolved.url);
    return resolved;
  }`;
  const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
  const run = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, join(ROOT, 'dist', 'cli.js'), ...args], {
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  const files = [...run.stderr.matchAll(/^loads file:\/\/(.*)$/gm)].map((m) => m[1]!.slice(ROOT.length + 1));
  return { files, stdout: run.stdout };
}

describe('pooltop --version', () => {
  it('loads nothing but the entry point, the version and the usage error (no option parser, no help texts)', () => {
    for (const option of ['--version', '-V']) {
      const { files, stdout } = modulesLoaded([option]);
      assert.match(stdout, /^pooltop \d+\.\d+\.\d+\n$/);
      assert.deepEqual(files.sort(), ['dist/cli.js', 'dist/cli/usage-error.js', 'dist/cli/version.js']);
    }
  });

  it('still goes through the option parser when other options come with it', () => {
    const { files, stdout } = modulesLoaded(['--version', '--no-color']);
    assert.match(stdout, /^pooltop \d+\.\d+\.\d+\n$/);
    assert.ok(files.includes('dist/cli/parse-options.js'), files.join(' '));
  });
});
