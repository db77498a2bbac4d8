import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { ProcessNode } from '../../src/platform/pid-table.js';
import { descendantsOf, listFromProcfs, listFromPs, parsePsTable } from '../../src/signals/list-descendants.js';
import { OwnChildren } from './own-children.js';

const node = (pid: number, ppid: number): ProcessNode => ({ pid, ppid, startTime: 0, comm: '' });

describe('descendantsOf', () => {
  it('lists descendants parents first, not the root', () => {
    const nodes = [node(1, 0), node(10, 1), node(11, 10), node(12, 10), node(13, 11), node(20, 1), node(14, 12)];
    assert.deepEqual(
      descendantsOf(10, nodes).map((n) => n.pid),
      [11, 12, 13, 14],
    );
    assert.deepEqual(descendantsOf(13, nodes), []);
    assert.deepEqual(descendantsOf(99, nodes), []);
  });

  it('ends on a cycle that a snapshot of exiting processes may form', () => {
    const nodes = [node(10, 12), node(11, 10), node(12, 11), node(13, 13)];
    assert.deepEqual(
      descendantsOf(10, nodes).map((n) => n.pid),
      [11, 12],
    );
    assert.deepEqual(descendantsOf(13, nodes), []);
  });
});

describe('parsePsTable', () => {
  it('reads PID and PPID columns and skips anything else', () => {
    assert.deepEqual(
      parsePsTable('    1     0\n  812     1\nPID PPID\n 9 x\n\n 12 812 \n').map((n) => [n.pid, n.ppid]),
      [
        [1, 0],
        [812, 1],
        [12, 812],
      ],
    );
  });
});

describe('listing real processes', () => {
  const children = new OwnChildren();
  after(() => children.cleanup());

  it('finds our child with /proc (exact start times) and with ps', async (t) => {
    const child = children.spawn('sleep', ['30']);
    if (process.platform === 'linux') {
      const procfs = listFromProcfs();
      assert.ok(procfs.ok && procfs.exact, procfs.ok ? 'read whole, but not exact' : procfs.error);
      const mine = procfs.nodes.find((n) => n.pid === child.pid);
      assert.equal(mine?.ppid, process.pid);
      assert.equal(mine?.comm, 'sleep');
      assert.ok((mine?.startTime ?? 0) > 0);
    }
    const ps = await listFromPs();
    if (!ps.ok) return t.skip(ps.error);
    assert.equal(ps.exact, false);
    assert.deepEqual(
      descendantsOf(process.pid, ps.nodes).find((n) => n.pid === child.pid),
      node(child.pid, process.pid),
    );
  });

  it('reports a missing ps as a value', async () => {
    const listing = await listFromPs('/nonexistent/ps');
    assert.deepEqual(listing, { ok: false, error: 'cannot list processes with /nonexistent/ps: ENOENT' });
  });
});
