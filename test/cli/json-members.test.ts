import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanObjectMembers } from '../../src/cli/json-members.js';

/** Each member as [key, its value's text]. */
const spans = (text: string): [string, string][] => scanObjectMembers(text).members.map((m) => [m.key, text.slice(m.valueStart, m.valueEnd)]);

describe('JSON object members as spans of text', () => {
  it('finds every kind of value, with the whitespace JSON allows around it', () => {
    const text = ' \r\n\t{ "a" :1e400 ,"b":\t-0.5E+3, "c": true,"d":false , "e" : null,"f":"x","g":[],"h":{}}\n';
    assert.deepEqual(spans(text), [
      ['a', '1e400'],
      ['b', '-0.5E+3'],
      ['c', 'true'],
      ['d', 'false'],
      ['e', 'null'],
      ['f', '"x"'],
      ['g', '[]'],
      ['h', '{}'],
    ]);
    const { open, close } = scanObjectMembers(text);
    assert.equal(text[open], '{');
    assert.equal(text[close], '}');
  });

  it('is not fooled by quotes, backslashes and brackets inside strings', () => {
    const text = '{"k\\"e}y": "v\\\\", "n": {"s": "]}\\"{[", "a": [1, ["}"], {"b": "\\\\\\""}]}, "z": 0}';
    assert.deepEqual(
      spans(text).map(([key]) => key),
      ['k"e}y', 'n', 'z'],
    );
    for (const [key, value] of spans(text)) assert.deepEqual(JSON.parse(value), (JSON.parse(text) as Record<string, unknown>)[key]);
  });

  it('decodes escaped keys and keeps duplicates and __proto__ in order', () => {
    assert.deepEqual(spans('{"\\u005f_proto__": 1, "tree": 2, "\\u0074ree": 3}'), [
      ['__proto__', '1'],
      ['tree', '2'],
      ['tree', '3'],
    ]);
  });

  it('agrees with JSON.parse on random objects', () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const value = (depth: number): unknown => {
      const r = random();
      if (r < 0.15) return Math.round(random() * 1e6) / 100;
      if (r < 0.3) return ['', '"', '\\', '}', ']', '{[', 'é\u2028😀'][Math.floor(random() * 7)];
      if (r < 0.4) return random() < 0.5;
      if (r < 0.5 || depth > 3) return null;
      if (r < 0.75) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, (_, i) => [`k${i}"}`, value(depth + 1)]));
    };
    for (let i = 0; i < 200; i++) {
      const object = Object.fromEntries(Array.from({ length: 1 + Math.floor(random() * 5) }, (_, j) => [`m${j}`, value(0)]));
      for (const text of [JSON.stringify(object), JSON.stringify(object, null, random() < 0.5 ? 2 : '\t')]) {
        assert.deepEqual(Object.fromEntries(spans(text).map(([k, v]) => [k, JSON.parse(v)])), object, text);
      }
    }
  });
});
