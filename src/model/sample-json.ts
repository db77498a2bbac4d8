// A sample as JSON data, the schema `snapshot --json` prints and `snapshot --json --watch` prints a
// line of per sample: real strings (to be written through jsonSafe), sizes in bytes, CPU in
// percent of one core, times in seconds, dates as ISO 8601; null for what the source does not know.
// Memory is htop's parts (memory.usedConvention says which `used` is); `inUse` is the meter's number.
import type { SystemMeters } from '../sampling/system-meters.js';
import { SOURCE_FIELDS } from '../sampling/source-fields.js';
import type { Sample } from '../sampling/types.js';
import type { ColumnId } from './columns.js';
import { formatTty } from './format.js';
import { memoryInUse } from './memory-parts.js';
import { trendValues } from './cpu-trends.js';
import { hostRates } from './host-rates.js';
import type { ProcessRow } from './process-row.js';

export interface SampleRows {
  sample: Sample;
  /** The rows to list, in the order to list them. */
  rows: readonly ProcessRow[];
  /** Only these columns' fields (`--columns`), after the PID and PPID; undefined: the usual fields. */
  columns?: readonly ColumnId[] | undefined;
  /** The sample before: disk and network rates are over the interval since it. */
  previous?: Sample | null;
  /** Frequency, temperatures, batteries, GPUs (each key only where the machine has it). */
  meters?: SystemMeters;
}

/** The whole document: the header's figures, the system meters the machine has, and every row. */
export function snapshotJson({ sample, rows, columns, previous, meters }: SampleRows): object {
  const rates = previous ? hostRates(previous.counters, sample.counters, (sample.monotonic - previous.monotonic) / 1000) : null;
  const r = (n: number): number => Math.round(n);
  const missing = meters && Object.keys(meters.missing).length > 0 ? meters.missing : undefined;
  return {
    time: new Date(sample.time).toISOString(),
    source: sample.source,
    // What the source gives of each process (the others are null); all of them when it does not say.
    sourceFields: sample.capabilities.fields ?? SOURCE_FIELDS.procfs,
    cpus: sample.cpus.map((c) => ({ user: round(c.user), system: round(c.system), nice: round(c.nice), idle: round(c.idle) })),
    memory: { ...sample.memory, inUse: memoryInUse(sample.memory) },
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
        interfaces: rates.networks.map((n) => ({
          device: n.device,
          receiveBytesPerSecond: r(n.receiveBytesPerSecond),
          transmitBytesPerSecond: r(n.transmitBytesPerSecond),
        })),
      },
    }),
    ...(meters?.cpuFrequency && { cpuFrequency: meters.cpuFrequency }),
    ...(meters?.temperatures && { temperatures: meters.temperatures }),
    ...(meters?.battery && { battery: meters.battery }),
    ...(meters?.gpus && { gpus: meters.gpus }),
    ...(missing && { unavailable: missing }),
    processes: rows.map(columns ? (row) => columnsJson(row, columns) : processJson),
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
    state: r.state === '' ? null : r.state,
    priority: r.priority,
    nice: r.nice,
    threads: r.threads,
    vsz: r.vsz,
    rss: r.rss,
    shared: r.shared,
    cpu: round(r.cpu),
    mem: round(r.mem),
    time: r.cpuTime < 0 ? null : r.cpuTime,
    processor: r.processor < 0 ? null : r.processor,
    startTime: r.startTime > 0 ? new Date(r.startTime).toISOString() : null,
    name: r.name,
    command: r.command,
  };
}

/** A number /proc may not have given (another source) or may not let be read (-1): null then. */
const known = (n: number | undefined): number | null => (n === undefined || n < 0 ? null : n);

/** Each column's field: its name in processJson where it has one, and its value. */
const COLUMN_FIELDS: Record<ColumnId, (r: ProcessRow) => [string, unknown]> = {
  pid: (r) => ['pid', r.pid],
  ppid: (r) => ['ppid', r.ppid],
  user: (r) => ['user', r.user],
  pri: (r) => ['priority', r.priority],
  ni: (r) => ['nice', r.nice],
  virt: (r) => ['vsz', r.vsz],
  res: (r) => ['rss', r.rss],
  state: (r) => ['state', r.state],
  cpu: (r) => ['cpu', round(r.cpu)],
  mem: (r) => ['mem', round(r.mem)],
  time: (r) => ['time', r.cpuTime < 0 ? null : r.cpuTime],
  core: (r) => ['processor', r.processor < 0 ? null : r.processor],
  command: (r) => ['command', r.command],
  pgrp: (r) => ['pgrp', known(r.pgrp)],
  sid: (r) => ['session', known(r.session)],
  tty: (r) => ['tty', r.tty === undefined ? null : r.tty === 0 ? null : formatTty(r.tty)],
  tpgid: (r) => ['tpgid', known(r.tpgid)],
  shr: (r) => ['shared', known(r.shared)],
  utime: (r) => ['userTime', known(r.userTime)],
  stime: (r) => ['systemTime', known(r.systemTime)],
  start: (r) => ['startTime', r.startTime > 0 ? new Date(r.startTime).toISOString() : null],
  elapsed: (r) => ['elapsed', r.startTime > 0 ? Math.max(0, Math.floor((Date.now() - r.startTime) / 1000)) : null],
  nlwp: (r) => ['threads', r.threads],
  minflt: (r) => ['minorFaults', known(r.minorFaults)],
  majflt: (r) => ['majorFaults', known(r.majorFaults)],
  ioread: (r) => ['ioReadRate', r.ioReadRate === undefined || r.ioReadRate < 0 ? null : round(r.ioReadRate)],
  iowrite: (r) => ['ioWriteRate', r.ioWriteRate === undefined || r.ioWriteRate < 0 ? null : round(r.ioWriteRate)],
  iorate: (r) => [
    'ioRate',
    r.ioReadRate === undefined || r.ioWriteRate === undefined || r.ioReadRate < 0 || r.ioWriteRate < 0 ? null : round(r.ioReadRate + r.ioWriteRate),
  ],
  cgroup: (r) => ['cgroup', r.cgroup || null],
  oom: (r) => ['oomScore', known(r.oomScore)],
  ctxt: (r) => ['contextSwitches', known(r.contextSwitches)],
  wchan: (r) => ['wchan', r.wchan === undefined ? null : r.wchan],
  exe: (r) => ['exe', r.exe || null],
  comm: (r) => ['name', r.name],
  cpugraph: (r) => ['cpuGraph', r.cpuTrend ? trendValues(r.cpuTrend).map((v) => (Number.isFinite(v) ? round(v) : null)) : null],
};

/** A process with only the fields of `columns` (elapsed in seconds, rates in bytes per second), after its PID and PPID. */
export function columnsJson(r: ProcessRow, columns: readonly ColumnId[]): ProcessJson {
  const out: ProcessJson = { pid: r.pid, ppid: r.ppid };
  for (const id of columns) {
    const [key, value] = COLUMN_FIELDS[id](r);
    out[key] = value;
  }
  return out;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
