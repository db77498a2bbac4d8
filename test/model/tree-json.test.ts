import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forestToJson, nestTree, type NestedProcess } from '../../src/model/tree-json.js';

interface Row {
  pid: number;
  ppid: number;
  cpu: number;
}
const row = (pid: number, ppid: number, cpu = 0): Row => ({ pid, ppid, cpu });
const byCpu = (a: Row, b: Row): number => b.cpu - a.cpu || a.pid - b.pid;

/** The tree as [pid, children] pairs, easier to compare than whole nodes. */
type Shape = [number, Shape[]];
const shape = (nodes: readonly NestedProcess<Row>[]): Shape[] => nodes.map((n) => [n.pid, shape(n.children)]);

describe('nestTree', () => {
  it('nests children under parents, PID 1 first, siblings by the comparator', () => {
    const rows = [row(12, 10, 3), row(2, 0, 50), row(10, 1, 5), row(11, 10, 1), row(1, 0), row(20, 1, 9), row(3, 2), row(77, 76)];
    const forest = nestTree(rows, byCpu);
    assert.deepEqual(shape(forest.roots), [
      [
        1,
        [
          [20, []],
          [
            10,
            [
              [12, []],
              [11, []],
            ],
          ],
        ],
      ],
      [2, [[3, []]]],
      [77, []],
    ]);
  });

  it('copies every field of the row and adds children', () => {
    const { roots } = nestTree([row(1, 0, 4), row(5, 1, 2)], byCpu);
    assert.deepEqual(JSON.parse(JSON.stringify({ roots })), {
      roots: [{ pid: 1, ppid: 0, cpu: 4, children: [{ pid: 5, ppid: 1, cpu: 2, children: [] }] }],
    });
  });

  it('keeps every row of a PPID cycle', () => {
    const { roots } = nestTree([row(6, 5), row(5, 6), row(7, 7)], byCpu);
    assert.deepEqual(shape(roots), [
      [5, [[6, []]]],
      [7, []],
    ]);
  });

  it('nests a chain 500 deep that JSON.stringify can print', () => {
    const rows = Array.from({ length: 500 }, (_, k) => row(k + 1, k));
    const { roots } = nestTree(rows, byCpu);
    let depth = 0;
    for (let node = roots[0]?.children[0]; node !== undefined; node = node.children[0]) depth++;
    assert.equal(depth, 499);
    assert.equal(JSON.stringify({ roots }).match(/"pid"/g)?.length, 500);
  });

  it('builds a chain 100,000 deep without recursion', () => {
    const rows = Array.from({ length: 100_000 }, (_, k) => row(k + 1, k));
    const { roots } = nestTree(rows, byCpu);
    assert.equal(roots.length, 1);
    let count = 1;
    for (let node = roots[0]?.children[0]; node !== undefined; node = node.children[0]) count++;
    assert.equal(count, 100_000);
  });
});

describe('forestToJson', () => {
  it('writes what JSON.stringify writes', () => {
    const rows = [
      { pid: 1, ppid: 0, cpu: 0, command: '/sbin/init' },
      { pid: 5, ppid: 1, cpu: 2.5, command: 'a "quoted" \u001b]0;x\u0007 name' },
      { pid: 6, ppid: 5, cpu: 1, command: 'c' },
      { pid: 7, ppid: 1, cpu: 3, command: 'd' },
      { pid: 9, ppid: 8, cpu: 0, command: 'orphan' },
    ];
    const forest = nestTree(rows, byCpu);
    assert.equal(forestToJson(forest), JSON.stringify(forest));
    assert.equal(forestToJson({ roots: [] }), JSON.stringify({ roots: [] }));
  });

  it('writes a chain 100,000 deep, where JSON.stringify throws', () => {
    const rows = Array.from({ length: 100_000 }, (_, k) => row(k + 1, k));
    const forest = nestTree(rows, byCpu);
    assert.throws(() => JSON.stringify(forest), RangeError);
    const text = forestToJson(forest);
    assert.ok(text.startsWith('{"roots":[{"pid":1,"ppid":0,"cpu":0,"children":[{"pid":2,'));
    assert.ok(text.endsWith(`"children":[${']}'.repeat(100_001)}`));
    assert.equal(text.match(/"pid"/g)?.length, 100_000);
  });
});
