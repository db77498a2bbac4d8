import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StartedProcesses } from '../../src/store/started-processes.js';
import { info } from '../model/fixtures.js';

// 1 ─┬─ 20 ─┬─ 21 (started by pooltop, under 20)
//    │      └─ 22
//    └─ 10
const family = [info(1, { ppid: 0 }), info(10, { ppid: 1 }), info(20, { ppid: 1 }), info(21, { ppid: 20 }), info(22, { ppid: 20 })];
const reparented = family.filter((p) => p.pid !== 20).map((p) => (p.pid === 21 ? { ...p, ppid: 1 } : p));

describe('processes pooltop started', () => {
  it('marks a process pooltop started as orphaned when its parent changes', () => {
    const started = new StartedProcesses();
    started.register(21, 20, 1_000_000 + 21, 100);
    assert.equal(started.orphans(family, 200).size, 0);
    assert.deepEqual([...started.orphans(reparented, 300)], [21]);
  });

  it('matches by PID alone when registered without a start time', () => {
    const started = new StartedProcesses();
    started.register(21, 20, 0, 100);
    assert.deepEqual(
      [
        ...started.orphans(
          reparented.map((p) => ({ ...p, startTime: 5 })),
          200,
        ),
      ],
      [21],
    );
  });

  it('does not mark a later process that reuses the PID', () => {
    const started = new StartedProcesses();
    started.register(21, 20, 1_000_000 + 21, 100);
    assert.equal(
      started.orphans(
        reparented.map((p) => (p.pid === 21 ? { ...p, startTime: 2_000_000 } : p)),
        200,
      ).size,
      0,
    );
  });

  it('forgets a process only once a sample taken after it was registered no longer has it', () => {
    const started = new StartedProcesses();
    started.register(21, 20, 1_000_000 + 21, 100);
    const without = family.filter((p) => p.pid !== 21);
    // Read before the process was registered: it may not have started yet.
    started.orphans(without, 50);
    assert.deepEqual([...started.orphans(reparented, 150)], [21], 'still known');
    started.orphans(without, 200);
    assert.equal(started.orphans(reparented, 250).size, 0, 'forgotten');
  });
});
