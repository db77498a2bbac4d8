import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { inkBundlePatches } from '../../../src/ui/ink/bundle-patches.js';
import { isSupportedInk } from '../../../src/ui/ink/ink-version.js';

const DIST = fileURLToPath(new URL('../../../dist', import.meta.url));
const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** Bundles `import 'ink'` against a stand-in ink package of `version`; the errors esbuild gave. */
async function bundleAgainst(version: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pooltop-ink-check-'));
  made.push(dir);
  const ink = join(dir, 'node_modules', 'ink');
  mkdirSync(join(ink, 'build'), { recursive: true });
  writeFileSync(join(ink, 'package.json'), JSON.stringify({ name: 'ink', version, type: 'module', main: 'build/index.js' }));
  writeFileSync(join(ink, 'build', 'index.js'), 'export const render = () => {};\n');
  writeFileSync(join(dir, 'entry.js'), "import { render } from 'ink';\nrender();\n");
  try {
    await build({
      absWorkingDir: dir,
      entryPoints: ['entry.js'],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'esm',
      logLevel: 'silent',
      plugins: [inkBundlePatches(DIST)],
    });
    return [];
  } catch (error) {
    return ((error as { errors?: { text: string }[] }).errors ?? []).map((e) => e.text);
  }
}

describe("the check of Ink's version", () => {
  it('takes ink 6.8.x only', () => {
    for (const version of ['6.8.0', '6.8.1', '6.8.12']) assert.equal(isSupportedInk(version), true, version);
    for (const version of ['6.9.0', '7.0.0', '6.7.9', '6.8', '16.8.0', '6.8.0-beta.1', '']) assert.equal(isSupportedInk(version), false, version);
  });

  it('takes the Ink installed here', () => {
    const { version } = JSON.parse(readFileSync(new URL('../../../node_modules/ink/package.json', import.meta.url), 'utf8')) as { version: string };
    assert.equal(isSupportedInk(version), true, `ink ${version}`);
  });

  it('fails the build on another Ink, naming its version', async () => {
    const errors = await bundleAgainst('6.9.0');
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0]!, /^ink 6\.9\.0 in \S+node_modules\/ink: pooltop's patches to Ink are written for ink 6\.8\.x/);
  });

  it('fails the build when a patch finds nothing to patch, naming each', async () => {
    const errors = await bundleAgainst('6.8.0');
    assert.deepEqual(
      errors.map((e) => /the Ink patch for (\S+) found nothing to replace/.exec(e)?.[1]),
      ['measure-text.js', 'wrap-text.js', 'string-width', 'react-devtools-core', 'yoga-layout'],
      errors.join('\n'),
    );
  });
});
