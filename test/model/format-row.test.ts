import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatHeader, formatRow, layoutColumns } from '../../src/model/format-row.js';
import { displayWidth } from '../../src/model/text-width.js';
import { row } from './fixtures.js';

describe('formatRow', () => {
  it('lines every column up under its title', () => {
    const layout = layoutColumns(120);
    const header = formatHeader(layout);
    const line = formatRow(row(4242, { ppid: 1, user: 'ann', cpu: 99.1, mem: 0.2, cpuTime: 40.11, state: 'R', processor: 1, command: 'node pooltop' }), layout);
    assert.equal(displayWidth(header), 120);
    assert.equal(displayWidth(line), 120);
    assert.equal(line.indexOf('4242') + 4, header.indexOf('PID') + 3);
    assert.equal(line.indexOf('99.1') + 4, header.indexOf('CPU%') + 4);
    assert.equal(line.indexOf('node pooltop'), header.indexOf('Command'));
  });

  it('keeps the width exact with wide characters and hostile text in the command', () => {
    const layout = layoutColumns(100);
    for (const command of ['日本語のコマンド'.repeat(10), 'a\x1b]0;x\x07b'.repeat(20), 'e\u0301'.repeat(90)]) {
      const line = formatRow(row(1, { command }), layout);
      assert.equal(displayWidth(line), 100);
      assert.doesNotMatch(line, /\x1b/);
    }
  });

  it('drops the least useful columns first on a narrow terminal', () => {
    const narrow = layoutColumns(70).columns.map((c) => c.id);
    assert.ok(!narrow.includes('pri'));
    assert.ok(narrow.includes('pid') && narrow.includes('cpu') && narrow.includes('command'), `PID, CPU% and command kept: ${JSON.stringify(narrow)}`);
    assert.ok(layoutColumns(70).commandWidth >= 16);
  });
});
