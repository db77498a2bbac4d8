import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coreUsage, parseCoreTimes, parseMeminfo } from '../../src/sampling/parse-system-files.js';
import { ProcSystemFacts } from '../../src/sampling/system-facts.js';

const STAT = `cpu  300 10 100 1000 20 0 5 0 0 0
cpu0 200 10 50 400 10 0 5 0 0 0
cpu1 100 0 50 600 10 0 0 0 0 0
intr 1 2 3
btime 1700000000
`;

describe('/proc/stat core times', () => {
  it('reads one entry per core, skipping the total line', () => {
    const cores = parseCoreTimes(STAT);
    assert.equal(cores.length, 2);
    assert.deepEqual(cores[0], { user: 200, nice: 10, system: 55, idle: 410 });
  });

  it('takes guest time out of user, as htop does', () => {
    const [core] = parseCoreTimes('cpu0 100 0 10 100 0 0 0 0 40 0\n');
    assert.equal(core?.user, 60);
    assert.equal(core?.system, 50);
  });

  it('gives each core usage between two readings', () => {
    const before = parseCoreTimes(STAT);
    const after = parseCoreTimes(STAT.replace('cpu0 200 10 50 400', 'cpu0 275 10 75 400').replace('cpu1 100 0 50 600', 'cpu1 100 0 50 700'));
    const [c0, c1] = coreUsage(before, after);
    assert.deepEqual(c0, { user: 75, system: 25, nice: 0, idle: 0 });
    assert.deepEqual(c1, { user: 0, system: 0, nice: 0, idle: 100 });
  });

  it('never shows negative or NaN usage', () => {
    const cores = parseCoreTimes(STAT);
    const [c] = coreUsage(cores, cores);
    assert.deepEqual(c, { user: 0, system: 0, nice: 0, idle: 100 });
  });
});

describe('/proc/meminfo', () => {
  it('reads memory and swap in bytes; used is total minus available', () => {
    const { memory, swap } = parseMeminfo(
      'MemTotal: 1000 kB\nMemFree: 200 kB\nMemAvailable: 600 kB\nBuffers: 10 kB\nCached: 300 kB\nSReclaimable: 50 kB\nSwapTotal: 100 kB\nSwapFree: 40 kB\n',
    );
    assert.deepEqual(memory, { total: 1024000, used: 409600, free: 204800, available: 614400, buffers: 10240, cached: 358400 });
    assert.deepEqual(swap, { total: 102400, used: 61440, free: 40960 });
  });

  it('estimates available memory on kernels without MemAvailable', () => {
    const { memory } = parseMeminfo('MemTotal: 1000 kB\nMemFree: 200 kB\nBuffers: 10 kB\nCached: 300 kB\n');
    assert.equal(memory.available, 510 * 1024);
  });
});

describe('ProcSystemFacts on this machine', { skip: process.platform !== 'linux' && 'needs /proc' }, () => {
  it('reads every core, memory and swap', () => {
    const facts = new ProcSystemFacts().readSync();
    assert.ok(facts.cpus.length >= 1);
    for (const c of facts.cpus) assert.ok(Math.abs(c.user + c.system + c.nice + c.idle - 100) < 0.001);
    assert.ok(facts.memory.total > 0 && facts.memory.used > 0 && facts.memory.used < facts.memory.total, `used ${facts.memory.used} of ${facts.memory.total}`);
    assert.ok(facts.uptime > 0);
  });
});
