import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { readHostCounters } from '../../src/sampling/host-counters.js';
import { parseCpuModeSeconds } from '../../src/sampling/parse-cpu-modes.js';
import { isWholeDisk, parseDiskstats } from '../../src/sampling/parse-diskstats.js';
import { parseNetDev } from '../../src/sampling/parse-net-dev.js';
import { ProcSystemFacts } from '../../src/sampling/system-facts.js';

const linux = process.platform === 'linux';

describe('/proc/stat modes', () => {
  it('gives each core every mode in seconds, the total line left out', () => {
    const cores = parseCpuModeSeconds('cpu  9 9 9 9 9 9 9 9 9 9\ncpu0 100 2 30 4000 5 6 7 8 40 1\ncpu1 1 0 0 2\nintr 1 2\n');
    assert.deepEqual(cores, [
      { user: 1, nice: 0.02, system: 0.3, idle: 40, iowait: 0.05, irq: 0.06, softirq: 0.07, steal: 0.08, guest: 0.4, guestNice: 0.01 },
      // An old kernel's line with fewer fields: the rest are 0.
      { user: 0.01, nice: 0, system: 0, idle: 0.02, iowait: 0, irq: 0, softirq: 0, steal: 0, guest: 0, guestNice: 0 },
    ]);
  });
});

describe('/proc/diskstats', () => {
  const TEXT = [
    '   7       0 loop0 10 0 20 0 0 0 0 0 0 0 0 0 0 0 0 0 0',
    ' 254       0 vda 85161 10636 3201378 150939 37851 149564 5381568 24837 0 17844 182579 62352 569 2157480 6585 2070 217',
    ' 254       1 vda1 80000 0 3000000 0 30000 0 5000000 0 0 0 0 0 0 0 0 0 0',
    ' 259       0 nvme0n1 1 0 8 0 2 0 16 0 0 1500 0',
    ' 259       1 nvme0n1p1 1 0 8 0 2 0 16 0 0 1500 0',
    ' 253       0 zram0 5 0 5 0 5 0 5 0 0 0 0 0 0 0 0 0 0',
    ' 252       0 dm-0 3 0 8 0 4 0 8 0 0 10 0',
    'short line',
  ].join('\n');

  it('reads whole disks: bytes from 512-byte sectors, busy time in seconds', () => {
    const disks = parseDiskstats(TEXT);
    assert.deepEqual(
      disks.map((d) => d.device),
      ['vda', 'nvme0n1', 'dm-0'],
    );
    assert.deepEqual(disks[0], {
      device: 'vda',
      readsCompleted: 85161,
      writesCompleted: 37851,
      readBytes: 3201378 * 512,
      writtenBytes: 5381568 * 512,
      ioTimeSeconds: 17.844,
    });
  });

  it('leaves out partitions, loop, RAM and floppy devices, as node_exporter does', () => {
    for (const name of ['sda1', 'vdb12', 'xvda3', 'hda1', 'nvme0n1p2', 'mmcblk0p1', 'loop7', 'ram0', 'zram1', 'fd0'])
      assert.equal(isWholeDisk(name), false, name);
    for (const name of ['sda', 'vda', 'nvme0n1', 'mmcblk0', 'dm-0', 'md127', 'sr0']) assert.equal(isWholeDisk(name), true, name);
  });
});

describe('/proc/net/dev', () => {
  it('reads each interface, the two heading lines skipped', () => {
    const nets = parseNetDev(`Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo:    3193      29    0    0    0     0          0         0     3193      29    0    0    0     0       0          0
  eth0: 821257565   24470    1    2    0     0          0         0  2092062   17558    3    4    0     0       0          0
`);
    assert.deepEqual(nets[1], {
      device: 'eth0',
      receiveBytes: 821257565,
      receivePackets: 24470,
      receiveErrors: 1,
      receiveDrops: 2,
      transmitBytes: 2092062,
      transmitPackets: 17558,
      transmitErrors: 3,
      transmitDrops: 4,
    });
    assert.equal(nets.length, 2);
  });
});

describe('host counters on this machine', { skip: !linux && 'needs /proc' }, () => {
  it('come with every /proc sample: a core per meter, lo among the interfaces, the boot time', () => {
    const facts = new ProcSystemFacts().readSync();
    const counters = facts.counters;
    assert.ok(counters);
    assert.equal(counters.cpus.length, facts.cpus.length);
    assert.ok(counters.networks.some((n) => n.device === 'lo'));
    const btime = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    assert.equal(counters.bootTime, btime);
    // Seconds since boot: no core can have more time in all its modes than the machine has been up.
    const up = Date.now() / 1000 - btime;
    for (const core of counters.cpus) {
      const sum = core.user + core.nice + core.system + core.idle + core.iowait + core.irq + core.softirq + core.steal;
      assert.ok(sum > 0 && sum <= up + 1, `${sum} s of ${up} s up`);
    }
  });

  it('are empty lists, not an error, where the files are missing', () => {
    const counters = readHostCounters('/nonexistent', '');
    assert.deepEqual(counters, { bootTime: 0, cpus: [], disks: [], networks: [] });
  });
});
