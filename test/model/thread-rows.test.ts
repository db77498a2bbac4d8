import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ancestry, descendants } from '../../src/model/ancestry.js';
import { buildTree } from '../../src/model/build-tree.js';
import { filterRows } from '../../src/model/filter-rows.js';
import { compareRows } from '../../src/model/sort-rows.js';
import { processesOnly, shownCommand } from '../../src/model/thread-rows.js';
import { countTasks } from '../../src/sampling/count-tasks.js';
import { info, row, sample } from './fixtures.js';

// A shell (20) running a server (30) with two threads (31, 32) and a child (40).
const rows = [
  row(1, { ppid: 0, command: '/sbin/init' }),
  row(20, { command: 'bash' }),
  row(30, { ppid: 20, command: 'server --port 80', name: 'server', threads: 3 }),
  // A thread's PPID is its process's parent, as /proc/PID/task/TID/stat says.
  row(31, { ppid: 20, threadOf: 30, command: 'server --port 80', name: 'worker-a', threads: 3 }),
  row(32, { ppid: 20, threadOf: 30, command: 'server --port 80', name: 'worker-b', threads: 3 }),
  row(40, { ppid: 30, command: 'sleep 9' }),
];

describe('thread rows', () => {
  it('hang under their process in the tree, not under its parent', () => {
    const lines = buildTree(rows, { compare: compareRows({ key: 'pid', inverted: false }) });
    assert.deepEqual(
      lines.map((l) => [l.row.pid, l.depth]),
      [
        [1, 0],
        [20, 1],
        [30, 2],
        [31, 3],
        [32, 3],
        [40, 3],
      ],
    );
  });

  it("are part of their process: not its parent's descendants on their own, nor anyone's", () => {
    assert.deepEqual(descendants(rows, 20), [30, 40]);
    assert.deepEqual(descendants(rows, 30), [40]);
  });

  it('have their process in their chain of parents', () => {
    assert.deepEqual(
      ancestry(rows, 31)?.chain.map((r) => r.pid),
      [31, 30, 20, 1],
    );
  });

  it('show with their process under -p', () => {
    assert.deepEqual(
      filterRows(rows, { pids: new Set([30]) }).map((r) => r.pid),
      [30, 31, 32],
    );
  });

  it("show their own name only when asked (htop's show custom thread names)", () => {
    assert.equal(shownCommand(rows[3]!, false), 'server --port 80');
    assert.equal(shownCommand(rows[3]!, true), 'worker-a');
    assert.equal(shownCommand(rows[2]!, true), 'server --port 80', "a process's row keeps its command line");
  });

  it('are not tasks of their own: the header counts processes, and their threads once', () => {
    const counts = countTasks(rows);
    assert.equal(counts.total, 4);
    assert.equal(counts.threads, 1 + 1 + 3 + 1);
  });

  it('are left out of what counts processes (the exporter), the same sample when there are none', () => {
    const plain = sample([info(1), info(2)]);
    assert.equal(processesOnly(plain), plain);
    const threaded = sample([info(1), info(2, { threads: 2 }), info(3, { threadOf: 2 })]);
    assert.deepEqual(
      processesOnly(threaded).processes.map((p) => p.pid),
      [1, 2],
    );
  });
});
