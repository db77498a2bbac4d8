import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import stringWidth from 'string-width';
import { codePointWidth } from '../../src/model/code-point-width.js';
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

  it('shows the zero-width joiner: terminals draw a ZWJ sequence 2, 4 or 6 cells wide', () => {
    assert.equal(sanitizeText('👩\u200d💻'), '👩<U+200D>💻');
    assert.equal(sanitizeText('👨\u200d👩\u200d👧'), '👨<U+200D>👩<U+200D>👧');
    // tmux 3.3 draws an emoji after a ZWJ inside the cell before it, whatever that holds.
    assert.equal(sanitizeText('a\u200d😀'), 'a<U+200D>😀');
  });

  it('shows skin-tone modifiers, which some terminals merge into the emoji before them', () => {
    assert.equal(sanitizeText('👍🏽'), '👍<U+1F3FD>');
    for (let m = 0x1f3fb; m <= 0x1f3ff; m++) assert.equal(sanitizeText(`✋${String.fromCodePoint(m)}`), `✋<U+${m.toString(16).toUpperCase()}>`);
  });

  it('shows regional indicators, alone or paired as flags', () => {
    assert.equal(sanitizeText('🇺'), '<U+1F1FA>');
    assert.equal(sanitizeText('🇺🇸'), '<U+1F1FA><U+1F1F8>');
  });

  it('shows variation selectors: VS16 and VS15 change the width in some terminals only', () => {
    assert.equal(sanitizeText('☺\ufe0f'), '☺<U+FE0F>');
    assert.equal(sanitizeText('😀\ufe0e'), '😀<U+FE0E>');
    assert.equal(sanitizeText('辻\u{e0100}'), '辻<U+E0100>');
    // A keycap: the enclosing mark after a shown selector has no character to sit on, so it is shown too.
    assert.equal(sanitizeText('1\ufe0f\u20e3'), '1<U+FE0F><U+20E3>');
  });

  it('keeps Indic conjuncts and spacing marks: every wcwidth terminal draws them a cell per consonant and sign', () => {
    for (const text of ['क्ष', 'त्र', 'का', 'कि', 'नमस्ते', 'ক্ষ', 'க்ஷ']) assert.equal(sanitizeText(text), text);
  });

  it('composes conjoining Hangul jamo into syllables, and shows what does not compose', () => {
    assert.equal(sanitizeText('\u1100\u1161\u11a8'), '각');
    assert.equal(sanitizeText('\u1100\u1161'), '가');
    assert.equal(sanitizeText('가\u11a8'), '각');
    assert.equal(sanitizeText('\u1161'), '<U+1161>');
    assert.equal(sanitizeText('a\u11a8'), 'a<U+11A8>');
    assert.equal(sanitizeText('\ua960\u1161'), '\ua960<U+1161>');
    // A leading jamo alone is 2 cells everywhere.
    assert.equal(sanitizeText('\u1100\u1100'), '\u1100\u1100');
  });

  it('shows blank-looking code points, so no name looks empty', () => {
    assert.equal(sanitizeText('\u3164'.repeat(3)), '<U+3164>'.repeat(3));
    for (const code of [0x115f, 0x1160, 0xffa0, 0x2800, 0x00a0, 0x2003, 0x3000, 0x202f, 0x034f, 0x17b4, 0x17b5, 0x180b, 0x180f, 0x2060, 0x200b, 0xfeff]) {
      const char = String.fromCodePoint(code);
      assert.equal(sanitizeText(`x${char}`), `x<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`, `U+${code.toString(16)}`);
    }
    assert.equal(sanitizeText('\u{e0041}\u{e007f}'), '<U+E0041><U+E007F>', 'tag characters');
  });

  it('keeps up to four combining marks on a character and shows marks with nothing to sit on', () => {
    assert.equal(sanitizeText('e\u0301'), 'e\u0301');
    assert.equal(sanitizeText(`e${'\u0301'.repeat(6)}`), `e${'\u0301'.repeat(4)}<U+0301><U+0301>`);
    assert.equal(sanitizeText('\u0301x'), '<U+0301>x');
    assert.equal(sanitizeText('a \u0301'), 'a <U+0301>');
    assert.equal(sanitizeText('日\u0301'), '日\u0301');
  });

  it('shows code points glibc does not assign and those whose width newer Unicode changed', () => {
    assert.equal(sanitizeText('\u{1fae8}'), '<U+1FAE8>', 'an emoji of Unicode 15: tmux 0 cells, newer terminals 2');
    assert.equal(sanitizeText('\ufffe\u{10ffff}'), '<U+FFFE><U+10FFFF>');
    assert.equal(sanitizeText('\u2630\u268a\u3248\u{1d300}'), '<U+2630><U+268A><U+3248><U+1D300>');
  });

  it("shows every code point whose width glibc's table and string-width's newer tables disagree on", () => {
    const kept: string[] = [];
    for (let code = 0x20; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCodePoint(code);
      if (sanitizeText(`a${char}`) !== `a${char}`) continue;
      if (codePointWidth(code) !== stringWidth(char)) kept.push(`U+${code.toString(16)}: glibc ${codePointWidth(code)}, string-width ${stringWidth(char)}`);
    }
    assert.deepEqual(kept, []);
  });

  it('keeps CJK, kana and other wide or narrow letters as they are', () => {
    for (const text of ['日本語', '한국어', 'ｶﾞ', 'Ａ', '\u{20000}', 'Ωμέγα', 'שלום', '😀']) assert.equal(sanitizeText(text), text);
  });

  it('is idempotent: a made-safe text stays as it is', () => {
    for (const text of ['\u3164x', '👍🏽', '\x1b[2J', 'e\u0301\u0301\u0301\u0301\u0301', '\u1100\u1161']) {
      assert.equal(sanitizeText(sanitizeText(text)), sanitizeText(text));
    }
  });

  it('names each control', () => {
    assert.equal(visibleControl('\x00'), '^@');
    assert.equal(visibleControl('\x1b'), '^[');
    assert.equal(visibleControl('\u2066'), '<U+2066>');
  });
});
