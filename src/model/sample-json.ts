// A sample as JSON data, the schema `snapshot --json` prints and `snapshot --json --watch` prints a
// line of per sample: real strings (to be written through jsonSafe), sizes in bytes, CPU in
// percent of one core, times in seconds, dates as ISO 8601.
import type { Sample } from '../sampling/types.js';
import type { ProcessRow } from './process-row.js';

export interface SampleRows {
  sample: Sample;
  /** The rows to list, in the order to list them. */
  rows: readonly ProcessRow[];
}

/** The whole document: the header's figures and every row. */
export function snapshotJson({ sample, rows }: SampleRows): object {
  return {
    time: new Date(sample.time).toISOString(),
    source: sample.source,
    cpus: sample.cpus.map((c) => ({ user: round(c.user), system: round(c.system), nice: round(c.nice), idle: round(c.idle) })),
    memory: sample.memory,
    swap: sample.swap,
    load: sample.load,
    uptime: sample.uptime,
    tasks: sample.tasks,
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
