import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonSafe } from '../../src/model/json-safe.js';
import { WIDTH_CORPUS } from './width-corpus.js';

/** What must never reach a terminal raw from JSON output: DEL, C1, format characters, blank look-alikes. */
const RAW = /[\u007f-\u009f\p{Cf}\p{Default_Ignorable_Code_Point}\u2028\u2029\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u2800]/u;

describe('jsonSafe', () => {
  it('escapes DEL, C1 controls, bidi controls and invisible characters as \\uXXXX', () => {
    assert.equal(jsonSafe(JSON.stringify('a\x7fb\x9b2J')), '"a\\u007fb\\u009b2J"');
    assert.equal(jsonSafe(JSON.stringify('evil\u202egnp')), '"evil\\u202egnp"');
    assert.equal(jsonSafe(JSON.stringify('\u3164\u2800\u00a0')), '"\\u3164\\u2800\\u00a0"');
    assert.equal(jsonSafe(JSON.stringify('\u{e0041}')), '"\\udb40\\udc41"');
    assert.equal(jsonSafe(JSON.stringify('line\u2028sep')), '"line\\u2028sep"');
  });

  it('leaves the layout of indented JSON and ordinary text as they are', () => {
    const doc = { command: '/usr/bin/日本 ça 😀', list: [1, 2] };
    assert.equal(jsonSafe(JSON.stringify(doc, null, 2)), JSON.stringify(doc, null, 2));
  });

  it('parses back to the same strings, with none of them left raw, for every hostile string', () => {
    const doc = { processes: WIDTH_CORPUS.map((h, i) => ({ pid: i, command: h.text, name: h.text.slice(0, 15) })) };
    const text = jsonSafe(JSON.stringify(doc, null, 2));
    assert.deepEqual(JSON.parse(text), doc);
    assert.doesNotMatch(text, RAW);
  });
});
