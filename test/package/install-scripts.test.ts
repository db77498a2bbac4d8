// Every dependency with an install script has its entry in package.json's allowScripts, so a fresh
// `npm install` (npm 11) prints no "not yet covered by allowScripts" warning.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const read = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../${name}`, import.meta.url), 'utf8'));

describe('install scripts', () => {
  it('allowScripts decides for every locked package that has one', () => {
    const { allowScripts = {} } = read('package.json') as { allowScripts?: Record<string, boolean> };
    const { packages } = read('package-lock.json') as { packages: Record<string, { version?: string; hasInstallScript?: boolean }> };
    const withScripts = Object.entries(packages)
      .filter(([, entry]) => entry.hasInstallScript)
      .map(([path, entry]) => ({ name: path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length), version: entry.version }));
    assert.ok(
      withScripts.some((p) => p.name === 'esbuild'),
      'esbuild (the bundler) has a postinstall',
    );
    for (const { name, version } of withScripts) {
      const decided = Object.hasOwn(allowScripts, name) || Object.hasOwn(allowScripts, `${name}@${version}`);
      assert.ok(decided, `${name}@${version} has an install script and no allowScripts entry (npm install-scripts approve|deny ${name})`);
    }
  });
});
