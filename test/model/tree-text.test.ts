import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTree } from '../../src/model/build-tree.js';
import { displayWidth } from '../../src/model/text-width.js';
import { treeText } from '../../src/model/tree-text.js';

interface Row {
  pid: number;
  ppid: number;
  user: string;
  command: string;
}
const row = (pid: number, ppid: number, command: string, user = 'ann'): Row => ({ pid, ppid, user, command });
const byPid = (a: Row, b: Row): number => a.pid - b.pid;
const columns = (r: Row): string => `${String(r.pid).padStart(5)} ${r.user.padEnd(5)} `;

describe('treeText', () => {
  it('prints the columns, the guide and the command', () => {
    const lines = buildTree([row(1, 0, '/sbin/init'), row(42, 1, 'bash'), row(43, 42, 'vim x'), row(44, 1, 'cron')], { compare: byPid });
    assert.deepEqual(treeText(lines, columns), ['    1 ann   /sbin/init', '   42 ann   ├─ bash', '   43 ann   │  └─ vim x', '   44 ann   └─ cron']);
  });

  it('makes escape sequences in the command and the columns visible instead of acted on', () => {
    const lines = buildTree([row(1, 0, 'evil \u001b]0;pwned\u0007 \u001b[2J'), row(2, 1, 'x', 'e\u001b[31mve')], { compare: byPid });
    const text = treeText(lines, columns);
    assert.equal(text[0], '    1 ann   evil ^[]0;pwned^G ^[[2J');
    assert.ok(text[1]?.includes('e^[[31mve'), text[1]);
    for (const line of text) assert.doesNotMatch(line, /[\u0000-\u001f\u007f-\u009f]/);
  });

  it('cuts every line to the width, keeping the guide of a deep line', () => {
    const rows = Array.from({ length: 250 }, (_, k) => row(k + 1, k, `command number ${k + 1} with a long tail`));
    const text = treeText(buildTree(rows, { compare: byPid }), columns, { width: 60 });
    for (const line of text) assert.ok(displayWidth(line) <= 60, line);
    const deepest = text[249];
    assert.match(deepest ?? '', /^  250 ann   ⋯\d+ .*└─ command number 250/);
  });

  it('cuts wide characters to the cell', () => {
    const text = treeText(buildTree([row(1, 0, '漢字漢字漢字')], { compare: byPid }), columns, { width: 17 });
    assert.equal(displayWidth(text[0] ?? ''), 17);
  });
});
