import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sanitizeText, visibleControl } from '../../src/model/sanitize.js';

// Every byte a terminal acts on: C0 controls, DEL, C1 controls.
const DANGEROUS = /[\u0000-\u001f\u007f-\u009f]/;

const HOSTILE = [
  '\x1b]0;PWNED\x07',
  '\x1b[2J\x1b[H',
  '\x1b]52;c;ZXZpbA==\x07',
  '\x1bP+q544e\x1b\\',
  '\x9b31m red via C1 CSI',
  '\x9d0;title\x9c',
  'a\rb\bc\x7f',
  'evil\u202egnp.exe',
  'zero\u200bwidth\ufeff',
  'line\u2028sep',
  '\ud800 lone surrogate',
  'x'.repeat(100_000) + '\x1b[31m',
];

describe('sanitizeText', () => {
  it('leaves ordinary text alone', () => {
    assert.equal(sanitizeText('/usr/bin/node server.js --port=80'), '/usr/bin/node server.js --port=80');
    assert.equal(sanitizeText('日本語 émoji 🎉'), '日本語 émoji 🎉');
  });

  it('leaves no byte a terminal acts on, for every hostile string', () => {
    for (const text of HOSTILE) assert.doesNotMatch(sanitizeText(text), DANGEROUS, JSON.stringify(text.slice(0, 40)));
  });

  it('makes controls visible rather than dropping them', () => {
    assert.equal(sanitizeText('\x1b]0;PWNED\x07'), '^[]0;PWNED^G');
    assert.equal(sanitizeText('a\rb'), 'a^Mb');
    assert.equal(sanitizeText('\x7f'), '^?');
    assert.equal(sanitizeText('\x9b'), '\\x9b');
    assert.equal(sanitizeText('evil\u202egnp'), 'evil<U+202E>gnp');
  });

  it('replaces lone surrogates (invalid UTF-8 read as text) with U+FFFD', () => {
    assert.equal(sanitizeText('a\ud800b'), 'a\ufffdb');
  });

  it('keeps the joiners that shape emoji', () => {
    assert.equal(sanitizeText('👩\u200d💻'), '👩\u200d💻');
  });

  it('names each control', () => {
    assert.equal(visibleControl('\x00'), '^@');
    assert.equal(visibleControl('\x1b'), '^[');
    assert.equal(visibleControl('\u2066'), '<U+2066>');
  });
});
