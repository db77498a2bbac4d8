import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sanitizeText } from '../../src/model/sanitize.js';
import { cutToWidth, displayWidth, dropCells, fitWidth } from '../../src/model/text-width.js';
import { WIDTH_CORPUS } from './width-corpus.js';

describe('text width', () => {
  it('counts wide characters as two cells and joiners as none', () => {
    assert.equal(displayWidth('abc'), 3);
    assert.equal(displayWidth('日本'), 4);
    assert.equal(displayWidth('e\u0301'), 1);
  });

  it('counts one code point at a time, as wcwidth terminals draw, not one grapheme at a time', () => {
    // string-width said 1 for each of these graphemes; tmux draws them in these many cells.
    assert.equal(displayWidth('क्ष'), 2);
    assert.equal(displayWidth('का'), 2);
    assert.equal(displayWidth('👍🏽'), 4);
    assert.equal(displayWidth('\u3164'), 2);
    assert.equal(displayWidth('\u1100\u1161\u11a8'), 2);
    assert.equal(displayWidth('🇺'), 1);
  });

  it('cuts to an exact width, padding where a wide character does not fit', () => {
    assert.equal(cutToWidth('abcdef', 3), 'abc');
    assert.equal(cutToWidth('日本語', 3), '日 ');
    assert.equal(displayWidth(cutToWidth('日本語', 5)), 5);
    assert.equal(cutToWidth('abc', 0), '');
  });

  it('cuts between code points, never inside a surrogate pair', () => {
    assert.equal(cutToWidth('😀😀', 3), '😀 ');
    assert.equal(cutToWidth('a😀', 2), 'a ');
    assert.ok(cutToWidth('\u{20000}'.repeat(5), 7).isWellFormed());
  });

  it('keeps combining marks with their character, and never ends a full cut on one', () => {
    assert.equal(cutToWidth('e\u0301xy', 2), 'e\u0301x');
    // With automatic wrap off, tmux puts a mark written after the last column on the cell before
    // it: the marked character at the end of a full cut gives way to a space.
    assert.equal(cutToWidth('ab\u0301c', 2), 'a ');
    assert.equal(fitWidth('ab\u0301', 2), 'a ');
    assert.equal(fitWidth('ab\u0301', 3), 'ab\u0301 ');
    assert.equal(cutToWidth('क्षक्ष', 3), 'क्ष ');
  });

  it('fits text to a width, left or right aligned', () => {
    assert.equal(fitWidth('ab', 4), 'ab  ');
    assert.equal(fitWidth('ab', 4, 'right'), '  ab');
    assert.equal(fitWidth('日本語x', 4), '日本');
  });

  it('fits every hostile string, made safe, to exactly 80, 120 and 200 cells', () => {
    for (const { class: klass, text } of WIDTH_CORPUS) {
      const safe = sanitizeText(text);
      for (const width of [80, 120, 200]) assert.equal(displayWidth(fitWidth(safe, width)), width, `${klass}: ${JSON.stringify(text.slice(0, 30))}`);
    }
  });
});

describe('dropCells', () => {
  it('drops the first cells of ASCII text', () => {
    assert.equal(dropCells('node --max-semi-space-size=2', 5), '--max-semi-space-size=2');
    assert.equal(dropCells('abc', 0), 'abc');
    assert.equal(dropCells('abc', 5), '');
  });

  it('leaves a space for the half of a wide character that stays, and drops marks with their character', () => {
    assert.equal(dropCells('漢字x', 1), ' 字x');
    assert.equal(dropCells('漢字x', 2), '字x');
    assert.equal(dropCells('e\u0301tat', 1), 'tat');
    assert.equal(displayWidth(dropCells('a漢字b', 2)), displayWidth('a漢字b') - 2);
  });
});
