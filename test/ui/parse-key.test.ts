import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseKey, parseKeys } from '../../src/ui/parse-key.js';

describe('parseKey', () => {
  it('names the keys the key table uses', () => {
    const cases: [string, string][] = [
      ['\x1b[A', 'up'],
      ['\x1bOB', 'down'],
      ['\x1b[5~', 'pageup'],
      ['\x1b[6~', 'pagedown'],
      ['\x1b[H', 'home'],
      ['\x1b[1~', 'home'],
      ['\x1b[F', 'end'],
      ['\x1b[4~', 'end'],
      ['\x1bOP', 'f1'],
      ['\x1b[11~', 'f1'],
      ['\x1bOR', 'f3'],
      ['\x1b[15~', 'f5'],
      ['\x1b[17~', 'f6'],
      ['\x1b[20~', 'f9'],
      ['\x1b[21~', 'f10'],
      ['\r', 'enter'],
      ['\x1b', 'escape'],
      ['\x7f', 'backspace'],
      ['\x03', 'C-c'],
      ['q', 'q'],
      ['N', 'N'],
      [' ', ' '],
      ['\\', '\\'],
      ['\x1b[1;5A', 'up'],
    ];
    for (const [input, name] of cases) assert.equal(parseKey(input).name, name, JSON.stringify(input));
  });

  it('types printable text only', () => {
    assert.deepEqual(parseKey('a'), { name: 'a', text: 'a' });
    assert.deepEqual(parseKey('\x1b[A'), { name: 'up', text: '' });
    assert.deepEqual(parseKey('pasted\x1b[2Jtext'), { name: 'text', text: 'pasted[2Jtext' });
  });

  it('reports unknown sequences as unknown instead of typing them', () => {
    assert.deepEqual(parseKey('\x1b[99;99;99x'), { name: 'unknown', text: '' });
  });
});

describe('parseKeys', () => {
  it('splits typed-ahead keys into one press each', () => {
    assert.deepEqual(
      parseKeys('ls 9\r').map((k) => k.name),
      ['l', 's', ' ', '9', 'enter'],
    );
    assert.deepEqual(
      parseKeys('ab\x7fc').map((k) => k.name),
      ['a', 'b', 'backspace', 'c'],
    );
    assert.deepEqual(
      parseKeys('日本').map((k) => k.text),
      ['日', '本'],
    );
    assert.deepEqual(
      parseKeys('\x1b[A').map((k) => k.name),
      ['up'],
    );
  });
});
