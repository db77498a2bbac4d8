import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { memoryInUse } from '../../src/model/memory-parts.js';
import { coreUsage, parseCoreTimes, parseMeminfo, parseProcsRunning } from '../../src/sampling/parse-system-files.js';
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
  it('splits memory as htop does: used, shared, buffers, cache apart; swap used without the swap cache', () => {
    const { memory, swap } = parseMeminfo(
      'MemTotal: 1000 kB\nMemFree: 200 kB\nMemAvailable: 600 kB\nBuffers: 10 kB\nCached: 300 kB\nSwapCached: 5 kB\nShmem: 40 kB\nSReclaimable: 50 kB\nSwapTotal: 100 kB\nSwapFree: 40 kB\n',
    );
    const k = 1024;
    assert.deepEqual(memory, {
      total: 1000 * k,
      used: (1000 - 200 - 10 - 300 - 50) * k,
      shared: 40 * k,
      compressed: 0,
      buffers: 10 * k,
      cached: (300 + 50 - 40) * k,
      free: 200 * k,
      available: 600 * k,
      usedConvention: 'htop',
    });
    assert.equal(memory.used + memory.shared + memory.buffers + memory.cached + memory.free, memory.total, 'the parts add up to the total');
    assert.deepEqual(swap, { total: 100 * k, used: 55 * k, free: 40 * k, cached: 5 * k });
  });

  it("shows zswap's pool apart from used, as htop does", () => {
    const { memory } = parseMeminfo('MemTotal: 1000 kB\nMemFree: 200 kB\nBuffers: 0 kB\nCached: 100 kB\nZswap: 30 kB\nZswapped: 90 kB\n');
    assert.equal(memory.compressed, 30 * 1024);
    assert.equal(memory.used, (700 - 30) * 1024);
  });

  it('takes free as available on kernels without MemAvailable, as htop does', () => {
    const { memory } = parseMeminfo('MemTotal: 1000 kB\nMemFree: 200 kB\nBuffers: 10 kB\nCached: 300 kB\n');
    assert.equal(memory.available, 200 * 1024);
  });

  it('counts used as total − free where the rest would exceed the total (as htop)', () => {
    const { memory } = parseMeminfo('MemTotal: 1000 kB\nMemFree: 200 kB\nBuffers: 10 kB\nCached: 900 kB\n');
    assert.equal(memory.used, 800 * 1024);
  });

  it('reads procs_running of /proc/stat', () => {
    assert.equal(parseProcsRunning('cpu 1 2\nprocs_running 3\nprocs_blocked 0\n'), 3);
    assert.equal(parseProcsRunning('cpu 1 2\n'), null);
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

  it("gives the memory meter /proc/meminfo's figures by htop's formula", () => {
    // free(1)'s columns come from the same file; htop's are computed from them here, by hand.
    const kb = (text: string, name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0) * 1024;
    const before = readFileSync('/proc/meminfo', 'utf8');
    const { memory } = new ProcSystemFacts().readSync();
    const after = readFileSync('/proc/meminfo', 'utf8');
    const htop = (text: string) => {
      const unused = kb(text, 'MemFree') + kb(text, 'Buffers') + kb(text, 'Cached') + kb(text, 'SReclaimable');
      const compressed = /^Zswapped:/m.test(text) ? kb(text, 'Zswap') : 0;
      return {
        used: kb(text, 'MemTotal') - unused - compressed,
        shared: kb(text, 'Shmem'),
        buffers: kb(text, 'Buffers'),
        cached: kb(text, 'Cached') + kb(text, 'SReclaimable') - kb(text, 'Shmem'),
      };
    };
    // Memory moves between the three reads (other tests run beside this one): within the two readings' spread.
    const [a, b] = [htop(before), htop(after)];
    for (const part of ['used', 'shared', 'buffers', 'cached'] as const) {
      const slack = Math.abs(a[part] - b[part]) + 8 * 1024 * 1024;
      assert.ok(Math.abs(memory[part] - a[part]) <= slack, `${part}: ${memory[part]} against htop's ${a[part]}…${b[part]}`);
    }
    assert.equal(memory.usedConvention, 'htop');
    assert.equal(memoryInUse(memory), memory.used + memory.shared + memory.compressed, 'the meter is labelled used + shared + compressed');
  });
});
