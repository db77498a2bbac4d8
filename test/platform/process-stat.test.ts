// One process's stat read now, against this process, a child of ours and one that has exited.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { DENIED, GONE } from '../../src/platform/proc-file.js';
import { isEndedState, isStoppedState, readChildStat, readProcessStat, readRunState, readStartTicks } from '../../src/platform/process-stat.js';
import { OwnChildren, waitUntil } from '../signals/own-children.js';

/** Field `n` (1-based, as proc(5) counts) of /proc/[pid]/stat, read without pooltop's parser. */
function field(pid: number, n: number): number {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[n - 3]);
}

describe('process stat', { skip: process.platform !== 'linux' && 'needs /proc' }, () => {
  const children = new OwnChildren();
  after(() => children.cleanup());

  it('reads a child: its parent, start ticks and state; its run state in ms of CPU', async () => {
    const child = children.spawn('sleep', ['30']);
    assert.ok(await waitUntil(() => readChildStat(child.pid)?.state === 'S'), 'the child sleeps');
    assert.deepEqual(readChildStat(child.pid), { ppid: process.pid, startTicks: field(child.pid, 22), state: 'S' });
    assert.equal(readStartTicks(child.pid), field(child.pid, 22));
    const own = readRunState(process.pid);
    assert.equal(own?.state, 'R');
    // utime + stime in ticks of 10 ms: within a few ticks of what Node counts for itself.
    const usage = process.cpuUsage();
    assert.ok(own && Math.abs(own.cpuMs - (usage.user + usage.system) / 1000) < 100, `${own?.cpuMs} ms`);
    const stat = readProcessStat(child.pid);
    assert.ok(
      typeof stat === 'object' && stat.pid === child.pid && stat.comm === 'sleep',
      `the stat of sleep ${child.pid}: ${typeof stat === 'object' ? `pid ${stat.pid}, comm ${stat.comm}` : String(stat)}`,
    );
  });

  it('says GONE for a PID with no process, and null from each view of it', async () => {
    const child = children.spawn('true', []);
    await children.exited(child);
    assert.equal(readProcessStat(child.pid), GONE);
    assert.equal(readRunState(child.pid), null);
    assert.equal(readChildStat(child.pid), null);
    assert.equal(readStartTicks(child.pid), null);
    assert.notEqual(readProcessStat(process.pid), DENIED);
  });

  it('tells stopped and ended states from the letters proc(5) gives', () => {
    assert.deepEqual(['T', 't', 'S', 'R', 'Z'].map(isStoppedState), [true, true, false, false, false]);
    assert.deepEqual(['Z', 'X', 'S', 'T'].map(isEndedState), [true, true, false, false]);
  });
});
