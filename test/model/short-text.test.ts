// shortText: how a message line shows text from outside (commands, pastes).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shortText } from '../../src/model/short-text.js';
import { displayWidth } from '../../src/model/text-width.js';

describe('shortText', () => {
  it('keeps a short text as it is, without the blanks around it', () => {
    assert.equal(shortText('  sleep 30 '), 'sleep 30');
  });

  it('cuts to the cells asked for, ending in …', () => {
    const cut = shortText('a'.repeat(100), 10);
    assert.equal(cut, `${'a'.repeat(9)}…`);
    assert.equal(displayWidth(shortText('漢'.repeat(30), 11)), 11, 'wide characters counted as two cells');
  });

  it('makes escape sequences visible instead of acted on', () => {
    assert.equal(shortText('evil\u001b[2J'), 'evil^[[2J');
  });
});
