// The machine's cumulative counters as the kernel keeps them — CPU time per core and mode, disk
// and network traffic — read with a Sample so that what consumes rates (the Prometheus exporter,
// disk and network meters) computes them itself, over whatever window it likes.
import { parseCpuModeSeconds, type CpuModeSeconds } from './parse-cpu-modes.js';
import { parseBootTime } from '../platform/start-time.js';
import { parseDiskstats, type DiskCounters } from './parse-diskstats.js';
import { parseNetDev, type NetworkCounters } from './parse-net-dev.js';
import { readProcFile } from '../platform/proc-file.js';

export type { CpuModeSeconds } from './parse-cpu-modes.js';
export type { DiskCounters } from './parse-diskstats.js';
export type { NetworkCounters } from './parse-net-dev.js';

export interface HostCounters {
  /** Boot time in seconds since the epoch (btime of /proc/stat); 0 when unknown. */
  bootTime: number;
  /** One entry per core, in core order. */
  cpus: CpuModeSeconds[];
  /** Whole disks (partitions, loop and RAM devices left out: see parse-diskstats.ts). */
  disks: DiskCounters[];
  /** Every interface of pooltop's network namespace, lo included. */
  networks: NetworkCounters[];
}

/** What diskstats and net/dev may hold on a big machine: each line is ~100-200 bytes. */
const FILE_LIMIT = 256 * 1024;

/**
 * The counters from `statText` (the /proc/stat just read for the core usage) and from
 * `root`/diskstats and `root`/net/dev; a file that cannot be read gives an empty list.
 */
export function readHostCounters(root: string, statText: string): HostCounters {
  const diskstats = readProcFile(`${root}/diskstats`, FILE_LIMIT);
  const netDev = readProcFile(`${root}/net/dev`, FILE_LIMIT);
  return {
    bootTime: parseBootTime(statText),
    cpus: parseCpuModeSeconds(statText),
    disks: typeof diskstats === 'string' ? parseDiskstats(diskstats) : [],
    networks: typeof netDev === 'string' ? parseNetDev(netDev) : [],
  };
}
