import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTree, type TreeLine } from '../../src/model/build-tree.js';
import type { ProcessRow } from '../../src/model/process-row.js';
import { compareRows } from '../../src/model/sort-rows.js';

interface Row {
  pid: number;
  ppid: number;
  cpu: number;
  command: string;
}

const row = (pid: number, ppid: number, cpu = 0, command = `p${pid}`): Row => ({ pid, ppid, cpu, command });
/** By CPU descending, PID ascending on ties: the default sort of the table. */
const byCpu = (a: Row, b: Row): number => b.cpu - a.cpu || a.pid - b.pid;
const byPid = (a: Row, b: Row): number => a.pid - b.pid;

const view = (lines: readonly TreeLine<Row>[]): string[] => lines.map((l) => `${l.guide}${l.row.pid}`);

// 1 init ─┬─ 10 (5%) ─┬─ 11 (1%)
//         │           └─ 12 (3%)
//         └─ 20 (9%) ─── 21
// 2 kthreadd (50%) ─── 3
const SMALL: Row[] = [
  row(12, 10, 3),
  row(1, 0, 0, '/sbin/init'),
  row(3, 2, 0, '[kworker/0:1]'),
  row(10, 1, 5),
  row(21, 20, 0),
  row(2, 0, 50, '[kthreadd]'),
  row(11, 10, 1),
  row(20, 1, 9),
];

/** Each PID of `lines`, checking that none occurs twice. */
function pidsOnce(lines: readonly TreeLine<Row>[]): number[] {
  const pids = lines.map((l) => l.row.pid);
  assert.equal(new Set(pids).size, pids.length, 'a PID occurs twice');
  return pids.sort((a, b) => a - b);
}

/** Depth-first consistency: a line's parent is the nearest line above it one level up. */
function assertDepthFirst(lines: readonly TreeLine<Row>[]): void {
  const path: Row[] = [];
  for (const line of lines) {
    assert.ok(line.depth <= path.length, `depth jumps at ${line.row.pid}`);
    path.length = line.depth;
    if (line.depth > 0) assert.equal(line.row.ppid, path[line.depth - 1]?.pid, `parent of ${line.row.pid}`);
    path.push(line.row);
  }
}

describe('buildTree: order and guides', () => {
  it('puts PID 1 first, then the other roots, children by the comparator, depth-first', () => {
    const lines = buildTree(SMALL, { compare: byCpu });
    assert.deepEqual(view(lines), ['1', '├─ 20', '│  └─ 21', '└─ 10', '   ├─ 12', '   └─ 11', '2', '└─ 3']);
    assert.deepEqual(
      lines.map((l) => l.depth),
      [0, 1, 2, 1, 2, 2, 0, 1],
    );
    assert.deepEqual(
      lines.map((l) => l.hasChildren),
      [true, true, false, true, false, false, true, false],
    );
    assert.ok(lines.every((l) => !l.dimmed && l.folded === 0));
  });

  it('follows the comparator for siblings', () => {
    assert.deepEqual(view(buildTree(SMALL, { compare: byPid })), ['1', '├─ 10', '│  ├─ 11', '│  └─ 12', '└─ 20', '   └─ 21', '2', '└─ 3']);
  });

  it('draws the continuing line only under ancestors with later siblings', () => {
    const rows = [row(1, 0), row(2, 1), row(3, 2), row(4, 3), row(5, 2), row(6, 1), row(7, 6)];
    assert.deepEqual(view(buildTree(rows, { compare: byPid })), ['1', '├─ 2', '│  ├─ 3', '│  │  └─ 4', '│  └─ 5', '└─ 6', '   └─ 7']);
  });

  it('takes compareRows on ProcessRow', () => {
    const full = (pid: number, ppid: number, cpu: number): ProcessRow => ({
      pid,
      ppid,
      cpu,
      mem: 0,
      uid: 0,
      user: 'root',
      state: 'S',
      priority: 20,
      nice: 0,
      threads: 1,
      vsz: 0,
      rss: 0,
      shared: 0,
      startTime: 0,
      cpuTime: 0,
      processor: 0,
      name: `p${pid}`,
      command: `p${pid}`,
      kernelThread: false,
    });
    const rows = [full(1, 0, 0), full(5, 1, 1), full(6, 1, 7), full(7, 0, 90)];
    const lines = buildTree(rows, { compare: compareRows({ key: 'cpu', inverted: false }) });
    assert.deepEqual(
      lines.map((l) => l.row.pid),
      [1, 6, 5, 7],
    );
  });

  it('returns nothing for no rows', () => {
    assert.deepEqual(buildTree([], { compare: byPid }), []);
  });
});

describe('buildTree: inconsistent PPIDs', () => {
  it('makes a process whose parent is missing a root, ordered among the roots', () => {
    const rows = [row(1, 0), row(50, 1), row(300, 299, 40), row(301, 300), row(400, 399, 80)];
    assert.deepEqual(view(buildTree(rows, { compare: byCpu })), ['1', '└─ 50', '400', '300', '└─ 301']);
  });

  it('keeps PID 1 first even when it is busy last and has a parent in the sample', () => {
    const rows = [row(7, 0, 90), row(1, 7, 0), row(8, 1, 1)];
    assert.deepEqual(view(buildTree(rows, { compare: byCpu })), ['1', '└─ 8', '7']);
  });

  it('breaks a two-process PPID cycle at its lowest PID and keeps every row', () => {
    const rows = [row(1, 0), row(6, 5), row(5, 6), row(7, 6), row(9, 1)];
    const lines = buildTree(rows, { compare: byPid });
    assert.deepEqual(view(lines), ['1', '└─ 9', '5', '└─ 6', '   └─ 7']);
    assert.deepEqual(pidsOnce(lines), [1, 5, 6, 7, 9]);
  });

  it('breaks a longer cycle with a tail hanging off it at the cycle, not the tail', () => {
    // 30 → 32 → 31 → 30, and 4 → 31: 4 has the lowest PID but is not on the cycle.
    const rows = [row(30, 32), row(31, 30), row(32, 31), row(4, 31)];
    const lines = buildTree(rows, { compare: byPid });
    assert.deepEqual(view(lines), ['30', '└─ 31', '   ├─ 4', '   └─ 32']);
  });

  it('makes a self-parent a root with its children under it', () => {
    const rows = [row(1, 0), row(8, 8), row(9, 8)];
    const lines = buildTree(rows, { compare: byPid });
    assert.deepEqual(view(lines), ['1', '8', '└─ 9']);
  });

  it('shows every row exactly once for any PPIDs, depth-first', () => {
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const n = 1 + random(40);
      const rows = Array.from({ length: n }, (_, k) => row(k + 1, random(n + 3), random(5)));
      const lines = buildTree(rows, { compare: byCpu });
      assert.deepEqual(
        pidsOnce(lines),
        rows.map((r) => r.pid),
        `round ${round}`,
      );
      if (rows.some((r) => r.pid === 1)) assert.equal(lines[0]?.row.pid, 1, 'PID 1 first');
      // Every non-root line sits under its own parent (a row cut out of a cycle is a root).
      for (const [k, line] of lines.entries()) {
        if (line.depth === 0) continue;
        const above = lines
          .slice(0, k)
          .reverse()
          .find((l) => l.depth === line.depth - 1);
        assert.equal(line.row.ppid, above?.row.pid, `round ${round}: parent of ${line.row.pid}`);
      }
    }
  });

  it('keeps both rows of a PID that occurs twice', () => {
    const rows = [row(1, 0), row(5, 1, 0, 'old'), row(5, 1, 0, 'new'), row(6, 5)];
    const lines = buildTree(rows, { compare: byPid });
    assert.deepEqual(
      lines.map((l) => `${l.guide}${l.row.command}`),
      ['p1', '├─ old', '│  └─ p6', '└─ new'],
    );
  });
});

describe('buildTree: collapse', () => {
  it('hides the descendants of a collapsed PID and counts them', () => {
    const lines = buildTree(SMALL, { compare: byCpu, collapsed: new Set([10]) });
    assert.deepEqual(view(lines), ['1', '├─ 20', '│  └─ 21', '└+ 10', '2', '└─ 3']);
    const ten = lines.find((l) => l.row.pid === 10);
    assert.equal(ten?.folded, 2);
    assert.equal(ten?.hasChildren, true);
    assert.ok(lines.filter((l) => l.row.pid !== 10).every((l) => l.folded === 0));
  });

  it('marks a collapsed child with later siblings and a collapsed root', () => {
    const lines = buildTree(SMALL, { compare: byCpu, collapsed: new Set([20, 2]) });
    assert.deepEqual(view(lines), ['1', '├+ 20', '└─ 10', '   ├─ 12', '   └─ 11', '+ 2']);
    assert.deepEqual(
      lines.map((l) => l.folded),
      [0, 1, 0, 0, 0, 1],
    );
  });

  it('counts everything below, collapsed or not, when an ancestor is collapsed too', () => {
    const lines = buildTree(SMALL, { compare: byCpu, collapsed: new Set([1, 10]) });
    assert.deepEqual(view(lines), ['+ 1', '2', '└─ 3']);
    assert.equal(lines[0]?.folded, 5);
  });

  it('ignores a collapsed leaf and unknown PIDs', () => {
    const lines = buildTree(SMALL, { compare: byCpu, collapsed: new Set([21, 999]) });
    assert.deepEqual(view(lines), view(buildTree(SMALL, { compare: byCpu })));
    assert.ok(lines.every((l) => l.folded === 0));
  });
});

describe('buildTree: filter', () => {
  it('keeps matches and their ancestors, dimming the ancestors that do not match', () => {
    const lines = buildTree(SMALL, { compare: byCpu, matches: (r) => r.pid === 11 });
    assert.deepEqual(view(lines), ['1', '└─ 10', '   └─ 11']);
    assert.deepEqual(
      lines.map((l) => l.dimmed),
      [true, true, false],
    );
  });

  it('draws guides over the shown siblings only', () => {
    const lines = buildTree(SMALL, { compare: byCpu, matches: (r) => r.pid === 20 || r.pid === 12 || r.pid === 3 });
    assert.deepEqual(view(lines), ['1', '├─ 20', '└─ 10', '   └─ 12', '2', '└─ 3']);
    assert.deepEqual(
      lines.map((l) => l.dimmed),
      [true, false, true, false, true, false],
    );
    // 20's child 21 does not match: 20 is shown as a leaf.
    assert.equal(lines[1]?.hasChildren, false);
  });

  it('does not dim an ancestor that matches too', () => {
    const lines = buildTree(SMALL, { compare: byCpu, matches: (r) => r.pid === 10 || r.pid === 11 });
    assert.deepEqual(
      lines.map((l) => [l.row.pid, l.dimmed]),
      [
        [1, true],
        [10, false],
        [11, false],
      ],
    );
  });

  it('folds only the shown descendants of a collapsed line', () => {
    const lines = buildTree(SMALL, {
      compare: byCpu,
      collapsed: new Set([1]),
      matches: (r) => r.pid === 11 || r.pid === 21,
    });
    assert.deepEqual(view(lines), ['+ 1']);
    assert.equal(lines[0]?.folded, 4); // 20, 21, 10, 11
  });

  it('shows nothing when nothing matches', () => {
    assert.deepEqual(buildTree(SMALL, { compare: byCpu, matches: () => false }), []);
  });
});

describe('buildTree: deep trees without recursion', () => {
  const chain = (depth: number): Row[] => Array.from({ length: depth }, (_, k) => row(k + 1, k));

  it('builds a chain 500 deep with exact guides', () => {
    const lines = buildTree(chain(500), { compare: byPid });
    assert.equal(lines.length, 500);
    assertDepthFirst(lines);
    const last = lines[499];
    assert.equal(last?.depth, 499);
    assert.equal(last?.guide, `${'   '.repeat(498)}└─ `);
  });

  it('builds a chain 100,000 deep, given in either order', () => {
    const rows = chain(100_000);
    for (const input of [rows, [...rows].reverse()]) {
      const lines = buildTree(input, { compare: byPid });
      assert.equal(lines.length, 100_000);
      assert.equal(lines[99_999]?.depth, 99_999);
      assert.equal(lines[99_999]?.guide.length, 3 * 99_999);
      assert.ok(lines[99_999]?.guide.endsWith('   └─ '));
    }
  });

  it('folds and filters a chain 100,000 deep', () => {
    const rows = chain(100_000);
    const folded = buildTree(rows, { compare: byPid, collapsed: new Set([2]) });
    assert.deepEqual(view(folded), ['1', '└+ 2']);
    assert.equal(folded[1]?.folded, 99_998);
    const filtered = buildTree(rows, { compare: byPid, matches: (r) => r.pid === 100_000 });
    assert.equal(filtered.length, 100_000);
    assert.equal(filtered.filter((l) => !l.dimmed).length, 1);
  });

  it('breaks a PPID ring of 100,000 processes', () => {
    const ring = Array.from({ length: 100_000 }, (_, k) => row(k + 2, k === 0 ? 100_001 : k + 1));
    const lines = buildTree(ring, { compare: byPid });
    assert.equal(lines.length, 100_000);
    assert.equal(lines[0]?.row.pid, 2);
    assert.equal(lines[99_999]?.depth, 99_999);
  });
});
