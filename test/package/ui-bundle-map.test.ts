// The UI bundle ships with a source map that leads a position in the bundle back to the module and
// line it came from (what `node --enable-source-maps` prints in a stack trace).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const UI = fileURLToPath(new URL('../../dist/ui/', import.meta.url));

/** 0-based line and column of the first `text` in `source`. */
function positionOf(source: string, text: string): { line: number; column: number } {
  const index = source.indexOf(text);
  assert.ok(index >= 0, `${JSON.stringify(text)} is in the file`);
  const before = source.slice(0, index).split('\n');
  return { line: before.length - 1, column: before.at(-1)!.length };
}

describe('the UI bundle', () => {
  it('links its source map, whose positions lead back to the modules', () => {
    const bundle = readFileSync(join(UI, 'ui-bundle.js'), 'utf8');
    assert.match(bundle, /\n\/\/# sourceMappingURL=ui-bundle\.js\.map\n$/);
    const map = new SourceMap(JSON.parse(readFileSync(join(UI, 'ui-bundle.js.map'), 'utf8')));
    const definition = 'function forgetTextCaches(';
    const at = positionOf(bundle, definition);
    const entry = map.findEntry(at.line, at.column) as { originalSource?: string; originalLine?: number };
    assert.equal(entry.originalSource?.replace(/^.*\//, ''), 'ui-bundle-entry.js');
    assert.equal(entry.originalLine, positionOf(readFileSync(join(UI, 'ui-bundle-entry.js'), 'utf8'), definition).line);
  });

  it("names pooltop's modules by files that ship beside it", () => {
    const { sources } = JSON.parse(readFileSync(join(UI, 'ui-bundle.js.map'), 'utf8')) as { sources: string[] };
    const own = sources.filter((s) => !s.includes('node_modules/'));
    assert.ok(own.length > 30, `pooltop's modules are in the map (${own.length})`);
    assert.deepEqual(
      own.filter((s) => !existsSync(join(UI, s))),
      [],
      'every one names a file in dist/',
    );
  });
});
