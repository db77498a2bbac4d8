import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPoolWorker, poolProcessPids } from '../../src/model/pool-processes.js';
import { info } from './fixtures.js';

describe('poolProcessPids', () => {
  it('finds the workers of every pooltop by title, and everything below them', () => {
    const processes = [
      info(100, { ppid: 1, command: 'node bin/pooltop' }),
      info(101, { ppid: 100, command: 'pooltop-worker 1' }),
      info(102, { ppid: 100, command: 'pooltop-worker 2' }),
      info(103, { ppid: 102, command: 'sleep 8' }),
      info(104, { ppid: 103, command: 'sh -c true' }),
      info(200, { ppid: 1, command: 'node bin/pooltop --pool 1' }),
      info(201, { ppid: 200, command: 'pooltop-worker 1' }),
      info(300, { ppid: 1, command: 'sleep 8' }),
    ];
    assert.deepEqual(
      [...poolProcessPids(processes)].sort((a, b) => a - b),
      [101, 102, 103, 104, 201],
    );
  });

  it('knows a worker by its whole title only', () => {
    assert.equal(isPoolWorker({ command: 'pooltop-worker 12' }), true);
    for (const command of ['pooltop-worker', 'pooltop-worker x', 'vim pooltop-worker 1', 'pooltop-worker 1 --evil'])
      assert.equal(isPoolWorker({ command }), false, command);
  });

  it('ends on a PPID cycle', () => {
    const cycle = [info(5, { ppid: 6, command: 'pooltop-worker 1' }), info(6, { ppid: 5, command: 'x' })];
    assert.deepEqual([...poolProcessPids(cycle)].sort(), [5, 6]);
  });
});
