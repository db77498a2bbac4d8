import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ProcfsSampler } from '../../src/sampling/procfs-sampler.js';
import { readProcessIdentity, type IdentityRead, type ProcessIdentity } from '../../src/platform/process-identity.js';
import { checkIdentity, COARSE_WINDOW_MS } from '../../src/signals/process-identity.js';
import { OwnChildren } from './own-children.js';

const START = 1_795_557_017_860;
const identity: ProcessIdentity = { comm: 'sleep', state: 'S', startTime: START, startTimeNow: START };
const reader = (read: IdentityRead) => (): IdentityRead => read;

describe('checkIdentity (injected reader)', () => {
  it('is the same process when the start time matches to the tick', () => {
    assert.deepEqual(checkIdentity(4242, START, false, reader(identity)), { verdict: 'same', precision: 'exact', identity });
    assert.equal(checkIdentity(4242, START, true, reader(identity)).verdict, 'same');
  });

  it('is a different process when the start time differs', () => {
    assert.deepEqual(checkIdentity(4242, START + 10, false, reader(identity)), { verdict: 'different', identity });
    assert.equal(checkIdentity(4242, START - 10, false, reader(identity)).verdict, 'different');
  });

  it('matches the start time computed with the boot time after a clock step too', () => {
    const stepped = { ...identity, startTimeNow: START + 60_000 };
    assert.equal(checkIdentity(4242, START, true, reader(stepped)).verdict, 'same');
    assert.equal(checkIdentity(4242, START + 60_000, true, reader(stepped)).verdict, 'same');
    assert.equal(checkIdentity(4242, START + 30_000, true, reader(stepped)).verdict, 'different');
  });

  it('compares a whole-second start time (ps-list, systeminformation) within a window', () => {
    const floored = Math.floor(START / 1000) * 1000; // ps lstart
    const late = floored + 2000; // systeminformation: now − etime, after the sample took its time
    assert.deepEqual(checkIdentity(4242, floored, false, reader(identity)), { verdict: 'same', precision: 'seconds', identity });
    assert.equal(checkIdentity(4242, late, false, reader(identity)).verdict, 'same');
    assert.equal(checkIdentity(4242, floored + COARSE_WINDOW_MS + 1000, false, reader(identity)).verdict, 'different');
    assert.equal(checkIdentity(4242, floored - COARSE_WINDOW_MS, false, reader(identity)).verdict, 'different');
    // From /proc (exact), a whole second is just a coincidence: compared to the tick.
    assert.equal(checkIdentity(4242, floored, true, reader(identity)).verdict, 'different');
  });

  it('skips the check, without reading, when the row has no start time', () => {
    let reads = 0;
    const counting = (): IdentityRead => {
      reads++;
      return identity;
    };
    for (const start of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.deepEqual(checkIdentity(4242, start, false, counting), { verdict: 'unchecked', why: 'no-start-time' });
    }
    assert.equal(reads, 0);
  });

  it('skips the check on systems without /proc', () => {
    assert.deepEqual(checkIdentity(4242, START, false, reader('unavailable')), { verdict: 'unchecked', why: 'no-procfs' });
  });

  it('says gone or unreadable when /proc has no readable entry', () => {
    assert.deepEqual(checkIdentity(4242, START, false, reader('gone')), { verdict: 'gone' });
    assert.deepEqual(checkIdentity(4242, START, false, reader('denied')), { verdict: 'unreadable' });
  });
});

describe('readProcessIdentity (real /proc)', { skip: process.platform !== 'linux' && 'needs /proc' }, () => {
  const children = new OwnChildren();
  after(() => children.cleanup());

  it("gives the sampler's ProcessInfo.startTime exactly, so equal means the same process", () => {
    const child = children.spawn('sleep', ['30']);
    const rows = new ProcfsSampler().readProcesses().processes;
    for (const pid of [child.pid, process.pid]) {
      const row = rows.find((p) => p.pid === pid);
      const read = readProcessIdentity(pid);
      assert.ok(row && typeof read === 'object', `PID ${pid} listed and readable`);
      assert.equal(read.startTime, row.startTime);
      assert.equal(read.startTimeNow, row.startTime);
      assert.equal(checkIdentity(pid, row.startTime, true).verdict, 'same');
    }
    const own = readProcessIdentity(process.pid);
    assert.ok(typeof own === 'object');
    assert.equal(own.state, 'R');
    assert.ok(Math.abs(own.startTime - (Date.now() - process.uptime() * 1000)) < 2000, 'start time is in ms since the epoch');
  });

  it('says gone for a PID with no process', async () => {
    const child = children.spawn('true', []);
    await children.exited(child);
    assert.equal(readProcessIdentity(child.pid), 'gone');
  });
});
