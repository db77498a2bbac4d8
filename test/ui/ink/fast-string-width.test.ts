import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import stringWidth from 'string-width';
import { sanitizeText } from '../../../src/model/sanitize.js';
import { displayWidth } from '../../../src/model/text-width.js';
import fastStringWidth from '../../../src/ui/ink/fast-string-width.js';
import { WIDTH_CORPUS } from '../../model/width-corpus.js';

const BUNDLE = new URL('../../../dist/ui/ui-bundle.js', import.meta.url);

describe('fastStringWidth, the width Ink measures with in the bundle', () => {
  it("is pooltop's own width, escape sequences not counted", () => {
    const corpus = [
      '',
      '    PID    PPID USER      PRI  NI  VIRT   RES S  CPU% MEM%     TIME+ CPU Command',
      '   1018       1 root       20   0 5.43M 1.12M S   0.0  0.0   0:01.27   0 │  └─ bash /dev/fd/3',
      '⋯190 │     │     ├─ sleep',
      '日本語 wide',
      'क्ष conjunct',
      '👍🏽 modifier',
      'e\u0301 combining',
      'soft\u00adhyphen',
    ];
    for (const text of corpus) assert.equal(fastStringWidth(text), displayWidth(text), JSON.stringify(text));
    assert.equal(fastStringWidth('\x1b[30;42m    PID\x1b[0m\x1b[30;46m CPU%\x1b[0m'), 12);
    assert.equal(fastStringWidth('\x1b[31mred\x1b[39m and 中文'), 12);
    assert.equal(fastStringWidth('\x1b]0;title\x07osc'), 3);
    assert.equal(fastStringWidth('\x1b[2Jclear'), 5);
  });

  it('replaces string-width in the bundle: none of its code is there', { skip: !existsSync(BUNDLE) && 'no dist/ui/ui-bundle.js (npm run build)' }, () => {
    const bundle = readFileSync(BUNDLE, 'utf8');
    assert.ok(!bundle.includes('isDoubleWidthNonRgiEmojiSequence'), "string-width's emoji rule is not in the bundle");
    assert.ok(!bundle.includes('ambiguousAsWide'), 'nor its East Asian width options');
  });

  // Ink outside the bundle (the component tests) measures with string-width, by grapheme: made-safe
  // text is never wider to it than to pooltop, so it never finds a line pooltop fitted too wide and
  // wraps it. (Code point by code point the two agree on all that sanitizeText keeps:
  // test/model/sanitize.test.ts.)
  it('is never narrower than string-width on made-safe text: every corpus string', () => {
    const wider = WIDTH_CORPUS.map((h) => sanitizeText(h.text)).filter((safe) => stringWidth(safe) > displayWidth(safe));
    assert.deepEqual(wider, []);
  });
});
