import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baseNameCells, commandCellWidth, formatCommand, formatHeader, formatRow, layoutColumns } from '../../src/model/format-row.js';
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

describe('formatCommand scrolled (← →)', () => {
  it('scrolls the guide, the marker and the command as one text, still exactly the width', () => {
    const command = 'node --max-semi-space-size=2 --single-threaded-gc bin/pooltop';
    assert.equal(formatCommand(command, 20, '', '', 0).text, 'node --max-semi-spac');
    assert.equal(formatCommand(command, 20, '', '', 5).text, '--max-semi-space-siz');
    const cell = formatCommand(command, 20, '│  └─ ', '[+2] ', 4);
    assert.deepEqual([cell.guide, cell.marker, cell.text], ['─ ', '[+2] ', 'node --max-se']);
    assert.equal(formatCommand(command, 20, '', '', command.length - 20).text, command.slice(-20));
    assert.equal(formatCommand(command, 20, '', '', 500).text, ' '.repeat(20), 'past the end: blank, not shorter');
  });

  it('measures how far a command cell can scroll: guide and command, sanitized', () => {
    assert.equal(commandCellWidth('abc', '├─ '), 6);
    assert.equal(commandCellWidth('a\x1b[31mb'), displayWidth(formatCommand('a\x1b[31mb', 40).text.trimEnd()));
  });
});

describe('baseNameCells', () => {
  it("finds the program's base name: after the last / of the first word", () => {
    assert.deepEqual(baseNameCells('/usr/bin/python3 -m http.server'), { start: 9, end: 16 });
    assert.deepEqual(baseNameCells('node --max-semi-space-size=2'), { start: 0, end: 4 });
    assert.equal(baseNameCells('[kworker/0:1]'), null, "a kernel thread's name is not a path");
    assert.equal(baseNameCells(''), null);
    assert.equal(baseNameCells('/trailing/ x'), null);
  });

  it('measures in cells of the sanitized text', () => {
    assert.deepEqual(baseNameCells('/opt/漢字/run'), { start: 10, end: 13 });
    const cells = baseNameCells('/a/\x1b[31mx y');
    assert.ok(cells && cells.end - cells.start === displayWidth(formatCommand('\x1b[31mx', 40).text.trimEnd()));
  });
});
