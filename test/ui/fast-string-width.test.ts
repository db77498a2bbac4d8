import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import stringWidth from 'string-width';
import fastStringWidth from '../../src/ui/fast-string-width.js';

describe('fastStringWidth', () => {
  it('agrees with string-width on every character of its fast path', () => {
    const chars = [...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i))];
    for (let c = 0x2500; c <= 0x257f; c++) chars.push(String.fromCharCode(c));
    chars.push('·', '…', '⋯', '•', '▲', '▼', '√', '−');
    for (const ch of chars) assert.equal(fastStringWidth(ch), stringWidth(ch), `U+${ch.codePointAt(0)!.toString(16)}`);
  });

  it('agrees with string-width on the lines pooltop draws and on anything else', () => {
    const corpus = [
      '',
      '    PID    PPID USER      PRI  NI  VIRT   RES S  CPU% MEM%     TIME+ CPU Command',
      '\x1b[30;42m    PID\x1b[0m\x1b[30;46m CPU%\x1b[0m',
      '   1018       1 root       20   0 5.43M 1.12M S   0.0  0.0   0:01.27   0 \x1b[90m│  └─ \x1b[0mbash /dev/fd/3',
      'Pool: 2 workers · primes (naive) stream · wall 0:41',
      '⋯190 │     │     ├─ sleep',
      '日本語 wide',
      '🎉 emoji',
      'e\u0301 combining',
      'soft\u00adhyphen',
      'zero\u200bwidth',
      '\x1b]0;title\x07osc',
      'tab\tand\x1b[2Jclear',
      '\x1b[31mred\x1b[39m and 中文',
    ];
    for (const text of corpus) assert.equal(fastStringWidth(text), stringWidth(text), JSON.stringify(text));
  });

  it('passes options it does not handle to string-width', () => {
    assert.equal(fastStringWidth('·', { ambiguousIsNarrow: false }), stringWidth('·', { ambiguousIsNarrow: false }));
    assert.equal(fastStringWidth('\x1b[31mx', { countAnsiEscapeCodes: true }), stringWidth('\x1b[31mx', { countAnsiEscapeCodes: true }));
  });
});
