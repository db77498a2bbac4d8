import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_EXTRA_SCREENS, MAX_SCREENS, parseScreenName, parseScreens } from '../../src/model/table-screens.js';

const io = DEFAULT_EXTRA_SCREENS[0]!;

describe('the screens setting', () => {
  it("reads back htop's I/O screen and a screen with column aliases", () => {
    assert.deepEqual(parseScreens(JSON.parse(JSON.stringify(DEFAULT_EXTRA_SCREENS))), DEFAULT_EXTRA_SCREENS);
    assert.deepEqual(parseScreens([{ name: 'Faults', columns: ['pid', 'min_flt', 'command'], sortKey: 'MAJFLT', sortInverted: true }]), [
      { name: 'Faults', columns: ['pid', 'minflt', 'command'], sortKey: 'majflt', sortInverted: true },
    ]);
    assert.deepEqual(parseScreens([]), []);
  });

  it('refuses as a whole: not a list, too many, a bad name, unknown columns or sort, a missing member', () => {
    const hostile: [string, unknown][] = [
      ['an object', { 0: io }],
      ['too many', Array(MAX_SCREENS).fill(io)],
      ['a null screen', [null]],
      ['no name', [{ ...io, name: undefined }]],
      ['an empty name', [{ ...io, name: '  ' }]],
      ['a name with an escape sequence', [{ ...io, name: 'I/O\x1b[2J' }]],
      ['a name with a newline', [{ ...io, name: 'I/O\nMain' }]],
      ['a long name', [{ ...io, name: 'x'.repeat(21) }]],
      ['a name of the wrong type', [{ ...io, name: 42 }]],
      ['an unknown column', [{ ...io, columns: ['pid', 'toaster'] }]],
      ['no columns', [{ ...io, columns: [] }]],
      ['a huge column list', [{ ...io, columns: Array(100_000).fill('pid') }]],
      ['an unknown sort key', [{ ...io, sortKey: 'nonsense' }]],
      ['a sort direction of the wrong type', [{ ...io, sortInverted: 'no' }]],
    ];
    for (const [what, value] of hostile) assert.equal(parseScreens(value), undefined, what);
  });

  it('takes a name of at most 20 cells, wide characters counted as two', () => {
    assert.equal(parseScreenName(' Disk '), 'Disk');
    assert.equal(parseScreenName('日本語のスクリーン名前です'), undefined, '13 wide characters are 26 cells');
    assert.equal(parseScreenName('日本語'), '日本語');
  });
});
