import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cutToWidth, displayWidth, fitWidth } from '../../src/model/text-width.js';

describe('text width', () => {
  it('counts wide characters as two cells and joiners as none', () => {
    assert.equal(displayWidth('abc'), 3);
    assert.equal(displayWidth('日本'), 4);
    assert.equal(displayWidth('e\u0301'), 1);
  });

  it('cuts to an exact width, padding where a wide character does not fit', () => {
    assert.equal(cutToWidth('abcdef', 3), 'abc');
    assert.equal(cutToWidth('日本語', 3), '日 ');
    assert.equal(displayWidth(cutToWidth('日本語', 5)), 5);
    assert.equal(cutToWidth('abc', 0), '');
  });

  it('fits text to a width, left or right aligned', () => {
    assert.equal(fitWidth('ab', 4), 'ab  ');
    assert.equal(fitWidth('ab', 4, 'right'), '  ab');
    assert.equal(fitWidth('日本語x', 4), '日本');
  });
});
