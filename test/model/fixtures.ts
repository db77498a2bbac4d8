// Plain process rows, samples and host counters for model, store and UI tests: only what a test
// cares about has to be given.
import type { ProcessRow } from '../../src/model/process-row.js';
import { countTasks } from '../../src/sampling/count-tasks.js';
import type { HostCounters } from '../../src/sampling/host-counters.js';
import type { ProcessInfo, Sample } from '../../src/sampling/types.js';

export function info(pid: number, fields: Partial<ProcessInfo> = {}): ProcessInfo {
  return {
    pid,
    ppid: 1,
    uid: 1000,
    user: 'ann',
    state: 'S',
    priority: 20,
    nice: 0,
    threads: 1,
    vsz: 1024 * 1024,
    rss: 512 * 1024,
    shared: 128 * 1024,
    startTime: 1_000_000 + pid,
    cpuTime: 0,
    processor: 0,
    name: `p${pid}`,
    command: `/usr/bin/p${pid}`,
    kernelThread: false,
    ...fields,
  };
}

export function row(pid: number, fields: Partial<ProcessRow> = {}): ProcessRow {
  return { ...info(pid), cpu: 0, mem: 0, ...fields };
}

export function sample(processes: ProcessInfo[], fields: Partial<Sample> = {}): Sample {
  return {
    time: 1_700_000_000_000,
    monotonic: 0,
    cpus: [
      { user: 10, system: 5, nice: 0, idle: 85 },
      { user: 50, system: 10, nice: 5, idle: 35 },
    ],
    memory: {
      total: 8 * 1024 ** 3,
      used: 2 * 1024 ** 3,
      shared: 0,
      compressed: 0,
      buffers: 0,
      cached: 1024 ** 3,
      free: 5 * 1024 ** 3,
      available: 6 * 1024 ** 3,
      usedConvention: 'htop',
    },
    swap: { total: 0, used: 0, free: 0, cached: 0 },
    load: [0.5, 0.4, 0.3],
    uptime: 3600,
    tasks: countTasks(processes),
    processes,
    unreadable: 0,
    source: 'procfs',
    capabilities: {
      startTimePrecisionMs: 0,
      cpuTime: true,
      fields: ['user', 'state', 'priority', 'nice', 'threads', 'virt', 'res', 'shr', 'cpu', 'mem', 'time', 'core', 'start', 'command'],
    },
    ...fields,
  };
}

/** The machine's counters with these disks ([device, read, written bytes]) and networks ([device, received, sent bytes]). */
export function hostCounters(disks: [string, number, number][], nets: [string, number, number][]): HostCounters {
  return {
    bootTime: 0,
    cpus: [],
    disks: disks.map(([device, readBytes, writtenBytes]) => ({ device, readBytes, writtenBytes, readsCompleted: 0, writesCompleted: 0, ioTimeSeconds: 0 })),
    networks: nets.map(([device, receiveBytes, transmitBytes]) => ({
      device,
      receiveBytes,
      transmitBytes,
      receivePackets: 0,
      transmitPackets: 0,
      receiveErrors: 0,
      transmitErrors: 0,
      receiveDrops: 0,
      transmitDrops: 0,
    })),
  };
}
