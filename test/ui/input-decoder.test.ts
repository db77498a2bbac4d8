import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputDecoder, PASTE_END, PASTE_START } from '../../src/ui/input-decoder.js';
import type { KeyPress } from '../../src/ui/parse-key.js';

/** Feeds Ink input events (escape sequences one each, the text between them as one) and names what comes out. */
function decode(events: readonly string[], decoder = new InputDecoder()): string[] {
  return events.flatMap((event) => decoder.push(event)).map(named);
}

function named(key: KeyPress): string {
  if (key.name === 'mouse') return `mouse ${key.mouse?.kind} ${key.mouse?.x},${key.mouse?.y}`;
  return key.name === 'paste' ? `paste ${JSON.stringify(key.text)} ${key.paste?.length}` : key.name;
}

describe('InputDecoder', () => {
  it('passes keys through as parseKeys names them', () => {
    assert.deepEqual(decode(['k', '\x1b[A', 'q\r']), ['k', 'up', 'q', 'enter']);
  });

  it('turns a bracketed paste into one paste press, Enter and y inside it included', () => {
    assert.deepEqual(decode([PASTE_START, 'k\ry', PASTE_END]), ['paste "ky" 3']);
    assert.deepEqual(decode([PASTE_START, 'k\ry']), [], 'nothing comes out of a paste that has not ended');
    const decoder = new InputDecoder();
    decoder.push(PASTE_START);
    decoder.push('kill -9 4242\ryes\r');
    const [done] = decoder.push(PASTE_END);
    assert.deepEqual(done, { name: 'paste', text: 'kill -9 4242yes', paste: { preview: 'kill -9 4242\ryes\r', length: 17 } });
  });

  it('keeps keys before and after a paste in their order', () => {
    assert.deepEqual(decode(['/', PASTE_START, 'sleep', PASTE_END, '\r']), ['/', 'paste "sleep" 5', 'enter']);
  });

  it('puts a paste together when its markers are cut between reads and Ink hands over the pieces', () => {
    // A read that ends inside a marker: Ink holds the piece until the next read, or, when that read
    // comes late, hands the piece over alone and the rest of the marker arrives with the text.
    const cases: string[][] = [
      ['\x1b[', '200~k\ry', PASTE_END],
      ['\x1b[2', '00~k\ry', PASTE_END],
      ['\x1b[20', '0~k\ry', PASTE_END],
      ['\x1b[200', '~k\ry', PASTE_END],
      ['\x1b[20', '0', '~k\ry', PASTE_END],
      [PASTE_START, 'k\ry', '\x1b[20', '1~'],
      [PASTE_START, 'k\ry', '\x1b[', '201~'],
      [PASTE_START, 'k', '\ry', '\x1b', '[201~'],
    ];
    for (const events of cases) assert.deepEqual(decode(events), ['paste "ky" 3'], JSON.stringify(events));
  });

  it('holds a lone ESC for the rest of a marker; let go (flush), it is Esc, and "[200~" after it is still a paste', () => {
    assert.deepEqual(decode(['\x1b', '[200~k\ry', PASTE_END]), ['paste "ky" 3']);
    const decoder = new InputDecoder();
    assert.deepEqual(decoder.push('\x1b'), []);
    assert.equal(decoder.holding, true);
    assert.deepEqual(decoder.flush().map(named), ['escape']);
    assert.equal(decoder.holding, false);
    assert.deepEqual(decode(['[200~k\ry', PASTE_END], decoder), ['paste "ky" 3']);
    assert.deepEqual(decode(['[200~'], new InputDecoder()), ['[', '2', '0', '0', '~'], 'only right after a lone ESC');
  });

  it('lets nothing go by flush inside a paste', () => {
    const decoder = new InputDecoder();
    decoder.push(PASTE_START);
    decoder.push('ab\x1b');
    assert.equal(decoder.holding, false);
    assert.deepEqual(decoder.flush(), []);
    assert.deepEqual(decode(['[201~'], decoder), ['paste "ab" 2']);
  });

  it('hands on a held piece that turns out not to start a paste, then the key after it', () => {
    assert.deepEqual(decode(['\x1b[', 'q']), ['M-[', 'q']);
    const decoder = new InputDecoder();
    decoder.push('\x1b[');
    assert.deepEqual(decoder.flush().map(named), ['M-[']);
    assert.deepEqual(decode(['\x1b[2', '\x1b[A']), ['unknown', 'up']);
    assert.deepEqual(decode(['\x1b[20', PASTE_START, 'x', PASTE_END]), ['unknown', 'paste "x" 1']);
  });

  it('keeps an escape key typed alone, and the keys typed after it', () => {
    assert.deepEqual(decode(['\x1b', 'q']), ['escape', 'q']);
    assert.deepEqual(decode(['\x1b', '\x1b[B']), ['escape', 'down']);
  });

  it('removes escape sequences and control characters from the pasted text and counts the characters as pasted', () => {
    assert.deepEqual(decode([PASTE_START, 'a\tb', '\x1b[31m', 'red', '\x1b[0m', '\x1b]0;title\x07', '日本\n', PASTE_END]), ['paste "abred日本" 28']);
    assert.deepEqual(decode([PASTE_START, '\x1b[200~', 'x', PASTE_END]), ['paste "x" 7'], 'a start marker inside a paste is text');
  });

  it('keeps a bounded part of a huge paste and counts all of it', () => {
    const decoder = new InputDecoder();
    decoder.push(PASTE_START);
    for (let i = 0; i < 1000; i++) decoder.push('x'.repeat(1000));
    const [paste] = decoder.push(PASTE_END);
    assert.equal(paste?.paste?.length, 1_000_000);
    assert.ok((paste?.text.length ?? 0) <= 4096);
  });

  describe('mouse reports', () => {
    it('turns an SGR report into one mouse press, never text', () => {
      const [key] = new InputDecoder().push('\x1b[<0;10;5M');
      assert.deepEqual(key, { name: 'mouse', text: '', mouse: { kind: 'press', button: 0, x: 9, y: 4, modified: false } });
      assert.deepEqual(decode(['k', '\x1b[<65;1;1M', 'q']), ['k', 'mouse wheel-down 0,0', 'q']);
    });

    it('puts a report together when a read cuts it and Ink hands over the pieces', () => {
      for (const events of [
        ['\x1b[<0;1', '0;5M'],
        ['\x1b[', '<0;10;5M'],
        ['\x1b[<', '0;10;5M'],
        ['\x1b[<0;10;', '5Mq'],
      ]) {
        const out = decode(events);
        assert.equal(out[0], 'mouse press 9,4', JSON.stringify(events));
        assert.deepEqual(out.slice(1), events.join('').endsWith('q') ? ['q'] : [], JSON.stringify(events));
      }
    });

    it('puts it together after a lone ESC that flush() let go', () => {
      const decoder = new InputDecoder();
      decoder.push('\x1b');
      assert.deepEqual(decoder.flush().map(named), ['escape']);
      assert.deepEqual(decode(['[<0;10;5M'], decoder), ['mouse press 9,4']);
    });

    it('drops a broken report whole, and the start of one that never ended', () => {
      assert.deepEqual(decode(['\x1b[<0;10;5X', 'k']), ['k']);
      assert.deepEqual(decode(['\x1b[<0;1', '0;5Xk']), ['k'], 'cut, then broken: its pieces are not keys');
      const decoder = new InputDecoder();
      decoder.push('\x1b[<0;1');
      assert.equal(decoder.holding, true);
      assert.deepEqual(decoder.flush(), [], 'the start of a report is no key');
      assert.deepEqual(decode(['k'], decoder), ['k']);
    });

    it('drops the three bytes of a legacy X10 report, which would read as keys (a space tags a row)', () => {
      assert.deepEqual(decode(['\x1b[M', ' !!k']), ['k']);
      assert.deepEqual(decode(['\x1b[M', ' ', '!!', 'q']), ['q']);
    });

    it('leaves a report inside a bracketed paste as pasted text', () => {
      assert.deepEqual(decode([PASTE_START, 'a\x1b[<0;1;1Mb', PASTE_END]), ['paste "ab" 11']);
    });
  });
});
