// A sample as JSON data, the schema `snapshot --json` prints and `snapshot --json --watch` prints a
// line of per sample: real strings (to be written through jsonSafe), sizes in bytes, CPU in
// percent of one core, times in seconds, dates as ISO 8601.
import type { SystemMeters } from '../sampling/system-meters.js';
import type { Sample } from '../sampling/types.js';
import { hostRates } from './host-rates.js';
import type { ProcessRow } from './process-row.js';

export interface SampleRows {
  sample: Sample;
  /** The rows to list, in the order to list them. */
  rows: readonly ProcessRow[];
  /** The sample before: disk and network rates are over the interval since it. */
  previous?: Sample | null;
  /** Frequency, temperatures, batteries, GPUs (each key only where the machine has it). */
  meters?: SystemMeters;
}

/** The whole document: the header's figures, the system meters the machine has, and every row. */
export function snapshotJson({ sample, rows, previous, meters }: SampleRows): object {
  const rates = previous ? hostRates(previous.counters, sample.counters, (sample.monotonic - previous.monotonic) / 1000) : null;
  const r = (n: number): number => Math.round(n);
  const missing = meters && Object.keys(meters.missing).length > 0 ? meters.missing : undefined;
  return {
    time: new Date(sample.time).toISOString(),
    source: sample.source,
    cpus: sample.cpus.map((c) => ({ user: round(c.user), system: round(c.system), nice: round(c.nice), idle: round(c.idle) })),
    memory: sample.memory,
    swap: sample.swap,
    load: sample.load,
    uptime: sample.uptime,
    tasks: sample.tasks,
    ...(rates && {
      disks: {
        total: { readBytesPerSecond: r(rates.diskTotal.readBytesPerSecond), writeBytesPerSecond: r(rates.diskTotal.writeBytesPerSecond) },
        devices: rates.disks.map((d) => ({ device: d.device, readBytesPerSecond: r(d.readBytesPerSecond), writeBytesPerSecond: r(d.writeBytesPerSecond) })),
      },
      network: {
        total: { receiveBytesPerSecond: r(rates.networkTotal.receiveBytesPerSecond), transmitBytesPerSecond: r(rates.networkTotal.transmitBytesPerSecond) },
        interfaces: rates.networks.map((n) => ({ device: n.device, receiveBytesPerSecond: r(n.receiveBytesPerSecond), transmitBytesPerSecond: r(n.transmitBytesPerSecond) })),
      },
    }),
    ...(meters?.cpuFrequency && { cpuFrequency: meters.cpuFrequency }),
    ...(meters?.temperatures && { temperatures: meters.temperatures }),
    ...(meters?.battery && { battery: meters.battery }),
    ...(meters?.gpus && { gpus: meters.gpus }),
    ...(missing && { unavailable: missing }),
    processes: rows.map(processJson),
  };
}

export interface ProcessJson {
  pid: number;
  ppid: number;
  [field: string]: unknown;
}

export function processJson(r: ProcessRow): ProcessJson {
  return {
    pid: r.pid,
    ppid: r.ppid,
    user: r.user,
    state: r.state,
    priority: r.priority,
    nice: r.nice,
    threads: r.threads,
    vsz: r.vsz,
    rss: r.rss,
    cpu: round(r.cpu),
    mem: round(r.mem),
    time: r.cpuTime < 0 ? null : r.cpuTime,
    processor: r.processor < 0 ? null : r.processor,
    startTime: r.startTime > 0 ? new Date(r.startTime).toISOString() : null,
    name: r.name,
    command: r.command,
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
