import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAppStore } from '../../src/store/app-store.js';
import { displayWidth } from '../../src/model/text-width.js';
import { ancestryLines } from '../../src/ui/ancestry-panel.js';
import { info, sample } from '../model/fixtures.js';

// 1 ─┬─ 10 ─── 11
//    └─ 20 ─┬─ 21
//           └─ 22
function treeStore() {
  const store = createAppStore({ sortKey: 'pid' });
  store.getState().setViewport(20);
  store
    .getState()
    .applySample(
      sample([
        info(22, { ppid: 20, command: 'sleep 22' }),
        info(1, { ppid: 0, command: 'init' }),
        info(11, { ppid: 10, command: 'vim' }),
        info(20, { ppid: 1, command: 'sshd' }),
        info(10, { ppid: 1, command: 'bash' }),
        info(21, { ppid: 20, command: 'sleep 21' }),
      ]),
    );
  return store;
}
const visible = (store: ReturnType<typeof createAppStore>) => store.getState().visible.map((r) => r.pid);
const guide = (store: ReturnType<typeof createAppStore>, pid: number) => store.getState().decorations.get(pid)?.guide;

describe('tree view in the store', () => {
  it('orders rows depth-first with guides when t is pressed, and back', () => {
    const store = treeStore();
    assert.deepEqual(visible(store), [1, 10, 11, 20, 21, 22]);
    store.getState().setSort('cpu', false);
    store.getState().toggleTree();
    assert.deepEqual(visible(store), [1, 10, 11, 20, 21, 22]);
    assert.equal(guide(store, 1), '');
    assert.equal(guide(store, 10), '├─ ');
    assert.equal(guide(store, 11), '│  └─ ');
    assert.equal(guide(store, 22), '   └─ ');
    store.getState().toggleTree();
    assert.equal(store.getState().decorations.size, 0);
  });

  it('collapses and expands the selected subtree, and keeps it folded across samples', () => {
    const store = treeStore();
    store.getState().toggleTree();
    store.getState().selectPid(20);
    store.getState().collapseSelected();
    assert.deepEqual(visible(store), [1, 10, 11, 20]);
    assert.equal(store.getState().decorations.get(20)?.folded, 2);
    assert.equal(guide(store, 20), '└+ ');
    store.getState().applySample(store.getState().sample!);
    assert.deepEqual(visible(store), [1, 10, 11, 20]);
    store.getState().expandSelected();
    assert.deepEqual(visible(store), [1, 10, 11, 20, 21, 22]);
    store.getState().toggleCollapseAll();
    assert.deepEqual(visible(store), [1]);
    store.getState().toggleCollapseAll();
    assert.equal(visible(store).length, 6);
  });

  it('keeps the ancestors of filter matches, dimmed, so the tree stays connected', () => {
    const store = treeStore();
    store.getState().toggleTree();
    store.getState().typeFilter('sleep 22');
    assert.deepEqual(visible(store), [1, 20, 22]);
    assert.equal(store.getState().decorations.get(1)?.dimmed, true);
    assert.equal(store.getState().decorations.get(20)?.dimmed, true);
    assert.equal(store.getState().decorations.get(22)?.dimmed, false);
  });

  it('searches and keeps the selection in tree view', () => {
    const store = treeStore();
    store.getState().toggleTree();
    store.getState().beginSearch();
    store.getState().typeSearch('vim');
    assert.equal(store.getState().cursor.pid, 11);
    store.getState().commitSearch();
    store.getState().applySample(sample([...store.getState().sample!.processes, info(5, { ppid: 1, command: 'new' })]));
    assert.equal(store.getState().cursor.pid, 11);
  });

  it('tells folding needs tree view', () => {
    const store = treeStore();
    store.getState().collapseSelected();
    assert.match(store.getState().message?.text ?? '', /tree view/);
  });

  it('shows the ancestry of the selected process back to PID 1', () => {
    const store = treeStore();
    store.getState().selectPid(22);
    store.getState().openAncestry();
    assert.equal(store.getState().mode, 'ancestry');
    const lines = ancestryLines(store.getState().rows, store.getState().focusPid);
    assert.equal(lines.length, 3);
    assert.match(lines[0] ?? '', /^\s+1 ann\s+init$/);
    assert.match(lines[1] ?? '', /^\s+20 ann\s+└─ sshd$/);
    assert.match(lines[2] ?? '', /^\s+22 ann\s+ {3}└─ sleep 22$/);
  });

  it('pads the ancestry USER column by cells: wide names keep the commands in line, no emoji is split', () => {
    const users = ['ann', '日本語ユーザー', '😀😀😀😀😀😀', '\u3164\u3164', 'e\u0301e\u0301e\u0301e\u0301e\u0301'];
    const rows = users.map((user, i) => ({ ...info(i + 1, { ppid: i, user, command: `cmd${i}` }), cpu: 0, mem: 0 }));
    const lines = ancestryLines(rows, users.length);
    assert.equal(lines.length, users.length);
    const commandAt = lines.map((line, depth) => displayWidth(line.slice(0, line.indexOf(`cmd${depth}`))) - 3 * depth);
    assert.deepEqual(
      commandAt,
      users.map(() => commandAt[0]),
      `every command starts in the same cell:\n${lines.join('\n')}`,
    );
    for (const line of lines) assert.ok(line.isWellFormed(), `no half of a surrogate pair: ${JSON.stringify(line)}`);
  });

  it('says when the chain ends at a parent that is gone', () => {
    const lines = ancestryLines([{ ...info(7, { ppid: 4242, command: 'orphan' }), cpu: 0, mem: 0 }], 7);
    assert.match(lines[0] ?? '', /parent 4242 is gone/);
  });
});

describe('this process and its descendants (o)', () => {
  it('shows only the selected process and its descendants; in tree view its ancestors stay, dimmed; o again shows all', () => {
    const store = treeStore();
    store.getState().selectPid(20);
    store.getState().toggleSubtree();
    assert.deepEqual(visible(store), [20, 21, 22]);
    assert.match(store.getState().message?.text ?? '', /^only PID 20 and its descendants/);
    store.getState().toggleTree();
    assert.deepEqual(visible(store), [1, 20, 21, 22]);
    assert.equal(store.getState().decorations.get(1)?.dimmed, true, 'PID 1 is only the context');
    assert.equal(store.getState().decorations.get(21)?.dimmed, false);
    // A child that appears later is in the view; a text filter narrows within it.
    store.getState().applySample(sample([...store.getState().rows, info(23, { ppid: 22, command: 'cat' }), info(30, { ppid: 1, command: 'cron' })]));
    assert.deepEqual(visible(store), [1, 20, 21, 22, 23]);
    store.getState().toggleSubtree();
    assert.deepEqual(visible(store), [1, 10, 11, 20, 21, 22, 23, 30]);
  });

  it('shows nothing once its PID names another process (another start time)', () => {
    const store = treeStore();
    store.getState().showSubtree(20, 999);
    assert.deepEqual(visible(store), []);
    assert.equal(store.getState().view.tree, true, 'pooltop run opens it in tree view');
  });
});
