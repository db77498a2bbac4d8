import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import inkMeasureText from '../../../node_modules/ink/build/measure-text.js';
import inkWrapText from '../../../node_modules/ink/build/wrap-text.js';
import { BoundedCache } from '../../../src/ui/ink/bounded-cache.js';
import measureText, { measureCacheSize } from '../../../src/ui/ink/measure-text.js';
import wrapText from '../../../src/ui/ink/wrap-text.js';

const BUNDLE = fileURLToPath(new URL('../../../dist/ui/ui-bundle.js', import.meta.url));
const TEXTS = [
  '',
  'one line',
  'two\nlines',
  '\x1b[31mred\x1b[39m\nand 日本語',
  '│  └─ bash'.repeat(20),
  'a very long line that must be cut or wrapped somewhere',
];

describe("pooltop's versions of Ink's text helpers", () => {
  it('measure text as Ink does', () => {
    for (const text of TEXTS) assert.deepEqual(measureText(text), inkMeasureText(text), JSON.stringify(text));
  });

  it('wrap and cut text as Ink does', () => {
    for (const text of TEXTS) {
      for (const type of ['wrap', 'truncate', 'truncate-end', 'truncate-middle', 'truncate-start'] as const) {
        assert.equal(wrapText(text, 12, type), inkWrapText(text, 12, type), `${type} ${JSON.stringify(text)}`);
      }
    }
  });

  // Ink 6.8's key, text + width + type, made 'ab' at 12 and 'ab1' at 2 the same entry.
  it('keep apart texts whose width would run into the text', () => {
    assert.equal(wrapText('ab', 12, 'wrap'), 'ab');
    assert.equal(wrapText('ab1', 2, 'wrap'), 'ab\n1');
    assert.equal(wrapText('abc', 12, 'truncate'), 'abc');
    assert.equal(wrapText('abc1', 2, 'truncate'), 'a…');
  });

  it('forget old texts instead of keeping every frame', () => {
    for (let i = 0; i < 5000; i++) measureText(`frame ${i}\n${'x'.repeat(100)}`);
    assert.ok(measureCacheSize() <= 500);
    const before = measureCacheSize();
    measureText('a whole table\n'.repeat(500));
    assert.equal(measureCacheSize(), before, 'a long text is measured, not kept');
    const cache = new BoundedCache<number>(3);
    for (const k of ['a', 'b', 'c', 'd']) cache.get(k, () => 1);
    assert.equal(cache.size, 1);
  });
});

describe('the bundle', { skip: !bundleExists() && 'no dist/ui/ui-bundle.js (npm run build)' }, () => {
  it("has pooltop's text helpers in place of Ink's", () => {
    const bundle = readFileSync(BUNDLE, 'utf8');
    assert.ok(bundle.includes('BoundedCache'));
    assert.doesNotMatch(bundle, /const cache = new Map\(\);\s*(var|const|let)?\s*\w*\s*=?\s*\(text\)/);
    assert.ok(!bundle.includes('const cache = {};'), "Ink's unbounded wrap cache is not in the bundle");
  });

  it("loads yoga's wasm without Node's fetch, whose undici it never loads", () => {
    const bundle = readFileSync(BUNDLE, 'utf8');
    assert.ok(!bundle.includes('typeof fetch'), "yoga's loader does not ask for fetch");
    const loaded = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `await import(${JSON.stringify(BUNDLE)}); console.log(process.moduleLoadList.filter((m) => /undici|fetch/.test(m)).join(' '))`,
      ],
      { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } },
    );
    assert.equal(loaded.status, 0, loaded.stderr);
    assert.equal(loaded.stdout.trim(), '', 'no undici module was loaded');
  });
});

function bundleExists(): boolean {
  try {
    readFileSync(BUNDLE);
    return true;
  } catch {
    return false;
  }
}
