import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CounterFloor } from '../../src/model/counter-floor.js';
import { familyProblem, renderExposition, type MetricFamily } from '../../src/model/metrics-exposition.js';
import { systemFamilies } from '../../src/model/system-metrics.js';
import type { CpuModeSeconds, HostCounters } from '../../src/sampling/host-counters.js';
import { info, sample } from './fixtures.js';

const core = (fields: Partial<CpuModeSeconds> = {}): CpuModeSeconds => ({
  user: 100,
  nice: 1,
  system: 20,
  idle: 500,
  iowait: 5,
  irq: 0,
  softirq: 1,
  steal: 0,
  guest: 0,
  guestNice: 0,
  ...fields,
});
const net = (device: string, receiveBytes = 10) => ({
  device,
  receiveBytes,
  receivePackets: 1,
  receiveErrors: 0,
  receiveDrops: 0,
  transmitBytes: 20,
  transmitPackets: 2,
  transmitErrors: 0,
  transmitDrops: 0,
});
const counters = (fields: Partial<HostCounters> = {}): HostCounters => ({
  bootTime: 1_700_000_000,
  cpus: [core(), core({ user: 7 })],
  disks: [{ device: 'vda', readsCompleted: 3, writesCompleted: 4, readBytes: 1536, writtenBytes: 2048, ioTimeSeconds: 0.5 }],
  networks: [net('lo'), net('eth0')],
  ...fields,
});

function family(families: MetricFamily[], name: string): MetricFamily {
  const found = families.find((f) => f.name === name);
  assert.ok(found, name);
  return found;
}

describe('systemFamilies', () => {
  it('gives every mode of every core as seconds, and families that are all well formed', () => {
    const families = systemFamilies(sample([info(1)], { counters: counters() }), new CounterFloor());
    for (const f of families) assert.equal(familyProblem(f), null);
    const cpu = family(families, 'pooltop_cpu_seconds');
    assert.equal(cpu.samples.length, 2 * 8);
    assert.deepEqual(cpu.samples.find((s) => s.labels?.cpu === '1' && s.labels.mode === 'user')?.value, 7);
    assert.deepEqual(family(families, 'pooltop_disk_read_bytes').samples, [{ labels: { device: 'vda' }, value: 1536 }]);
    assert.equal(family(families, 'pooltop_boot_time_seconds').samples[0]?.value, 1_700_000_000);
  });

  it('counts tasks by state so that they sum to all processes', () => {
    const s = sample([info(1)], {
      tasks: { total: 10, running: 2, sleeping: 5, stopped: 1, zombie: 1, threads: 30, userProcesses: 8, userThreads: 20, kernelThreads: 2, runningThreads: 2 },
    });
    const tasks = family(systemFamilies(s, new CounterFloor()), 'pooltop_tasks');
    assert.equal(
      tasks.samples.reduce((sum, t) => sum + t.value, 0),
      10,
    );
    assert.equal(tasks.samples.find((t) => t.labels?.state === 'other')?.value, 1);
  });

  it('leaves out the counts a source does not know', () => {
    const s = sample([info(1)], {
      tasks: {
        total: 10,
        running: null,
        sleeping: null,
        stopped: null,
        zombie: null,
        threads: null,
        userProcesses: 10,
        userThreads: null,
        kernelThreads: 0,
        runningThreads: null,
      },
    });
    const names = systemFamilies(s, new CounterFloor()).map((f) => f.name);
    assert.ok(!names.includes('pooltop_tasks') && !names.includes('pooltop_threads'), names.join(' '));
  });

  it('keeps a core mode that the kernel stepped back (iowait) at its highest value', () => {
    const floor = new CounterFloor();
    const iowait = (value: number) =>
      family(systemFamilies(sample([], { counters: counters({ cpus: [core({ iowait: value })] }) }), floor), 'pooltop_cpu_seconds').samples.find(
        (s) => s.labels?.mode === 'iowait',
      )?.value;
    assert.deepEqual([iowait(5), iowait(4.9), iowait(6)], [5, 5, 6]);
  });

  it('makes device names harmless, and keeps one of two names made alike', () => {
    const families = systemFamilies(
      sample([], { counters: counters({ networks: [net('ev\u001b[2Jil'), net('ev^[[2Jil', 99), net('q"\\')] }) }),
      new CounterFloor(),
    );
    const received = family(families, 'pooltop_network_receive_bytes');
    assert.deepEqual(received.samples, [
      { labels: { device: 'ev^[[2Jil' }, value: 10 },
      { labels: { device: 'q"\\' }, value: 10 },
    ]);
    assert.equal(familyProblem(received), null);
    assert.match(renderExposition([received], 'prometheus'), /device="q\\"\\\\"/);
  });

  it('leaves out what a source without /proc counters cannot give', () => {
    const names = systemFamilies(sample([]), new CounterFloor()).map((f) => f.name);
    assert.ok(names.includes('pooltop_memory_used_bytes') && names.includes('pooltop_load1'), `memory and load among ${JSON.stringify(names)}`);
    assert.ok(!names.some((n) => n.startsWith('pooltop_cpu') || n.startsWith('pooltop_disk') || n.startsWith('pooltop_network')));
  });
});
