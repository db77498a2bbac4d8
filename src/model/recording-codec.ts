// A recording's records as JSON: the header that opens it, key frames that hold a whole sample and
// deltas that hold what changed since the sample before; and reading them back, every field checked.
import type { PoolSnapshot } from '../pool/pool-snapshot.js';
import type { HostCounters } from '../sampling/host-counters.js';
import { SOURCE_NAMES, type ProcessField as SourceField, type ProcessInfo, type Sample, type SourceCapabilities, type SourceName } from '../sampling/types.js';
import { readPoolSnapshot } from './recorded-pool.js';
import {
  readBoolean,
  readChoice,
  readInteger,
  readList,
  readNullable,
  readNumber,
  readObject,
  readString,
  RecordingError,
  type Fields,
} from './recording-fields.js';

const RECORDING_FORMAT = 'pooltop-recording';
const RECORDING_VERSION = 1;

/** What the first record says about the whole recording. */
export interface RecordingHeader {
  source: SourceName;
  capabilities: SourceCapabilities;
  /** The interval asked for (-d), in ms. */
  intervalMs: number;
  /** ms since the epoch when recording began. */
  started: number;
  /** The pooltop that wrote it, for the user. */
  writer: string;
}

/** Something the message line said while recording (a worker's death, a signal sent). */
export interface RecordedEvent {
  at: number;
  level: 'info' | 'warn' | 'error';
  text: string;
}

/** One sample as recorded: the system, the monitor's pool then, and the events since the last one. */
export interface RecordedFrame {
  sample: Sample;
  pool: PoolSnapshot | null;
  events: readonly RecordedEvent[];
}

/**
 * A process as a list, in this order (the header names them too, for jq); the last, `extra`, is
 * an object of the fields only some sources or some rows have (the source's own CPU% and MEM%,
 * the stat line's groups and faults, a thread's process), present when one of them is.
 */
const PROCESS_FIELDS = [
  'pid',
  'ppid',
  'uid',
  'user',
  'state',
  'priority',
  'nice',
  'threads',
  'vsz',
  'rss',
  'shared',
  'startTime',
  'cpuTime',
  'processor',
  'name',
  'command',
  'kernelThread',
  'extra',
] as const;

type ProcessField = (typeof PROCESS_FIELDS)[number];
type TupleField = Exclude<ProcessField, 'extra'>;

/** The optional numeric fields of a process, recorded in `extra` when present. */
const EXTRA_NUMBERS = [
  'sourceCpu',
  'sourceMem',
  'pgrp',
  'session',
  'tty',
  'tpgid',
  'minorFaults',
  'majorFaults',
  'userTime',
  'systemTime',
  'ioReadBytes',
  'ioWriteBytes',
  'oomScore',
  'contextSwitches',
  'threadOf',
] as const satisfies readonly (keyof ProcessInfo)[];
/** The optional text fields (raw, untrusted, sanitized on screen like the rest). */
const EXTRA_TEXTS = ['cgroup', 'wchan', 'exe'] as const satisfies readonly (keyof ProcessInfo)[];
const SOURCE_FIELDS: readonly SourceField[] = [
  'user',
  'state',
  'priority',
  'nice',
  'threads',
  'virt',
  'res',
  'shr',
  'cpu',
  'mem',
  'time',
  'core',
  'start',
  'command',
];

const PID_LIMIT = 2 ** 31 - 1;
const UID_LIMIT = 2 ** 32 - 1;
/** Longer than any /proc read pooltop makes (command lines are read up to 32 KiB). */
const COMMAND_LIMIT = 256 * 1024;
const NAME_LIMIT = 4096;
/** More processes than any machine runs (pid_max is at most 2^22). */
const PROCESS_LIMIT = 4_194_304;
const CORE_LIMIT = 65_536;
const DEVICE_LIMIT = 65_536;
const EVENT_LIMIT = 1000;
const EVENT_TEXT_LIMIT = 4096;
/** Percentages are at most 100 (one core); a little over from rounding is not an attack. */
const PERCENT_LIMIT = 1000;

/** A number a source could not tell is NaN in a sample, null in JSON: read back as NaN. */
const unknownOr =
  (read: (value: unknown, path: string) => number) =>
  (value: unknown, path: string): number =>
    value === null ? Number.NaN : read(value, path);

/** Each field's check, by position. */
const PROCESS_READERS: Record<ProcessField, (value: unknown, path: string) => unknown> = {
  pid: (v, p) => readInteger(v, p, 0, PID_LIMIT),
  ppid: (v, p) => readInteger(v, p, 0, PID_LIMIT),
  uid: (v, p) => readInteger(v, p, -1, UID_LIMIT),
  user: (v, p) => readString(v, p, NAME_LIMIT),
  state: (v, p) => readString(v, p, 4),
  priority: unknownOr((v, p) => readInteger(v, p, -1000, 1000)),
  nice: unknownOr((v, p) => readInteger(v, p, -1000, 1000)),
  threads: unknownOr((v, p) => readInteger(v, p, 0, PID_LIMIT)),
  vsz: unknownOr((v, p) => readNumber(v, p)),
  rss: unknownOr((v, p) => readNumber(v, p)),
  shared: unknownOr((v, p) => readNumber(v, p)),
  startTime: unknownOr((v, p) => readNumber(v, p)),
  cpuTime: unknownOr((v, p) => readNumber(v, p, -1)),
  processor: unknownOr((v, p) => readInteger(v, p, -1, CORE_LIMIT)),
  name: (v, p) => readString(v, p, NAME_LIMIT),
  command: (v, p) => readString(v, p, COMMAND_LIMIT),
  kernelThread: (v, p) => readBoolean(v, p),
  extra: (v, p) => readExtra(v, p),
};

type Extra = Partial<Pick<ProcessInfo, (typeof EXTRA_NUMBERS)[number] | (typeof EXTRA_TEXTS)[number]>>;

/** The `extra` object: only known keys, each a number (-1 allowed: "not readable") or a bounded text. */
function readExtra(value: unknown, path: string): Extra {
  const o = readObject(value, path);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(o)) {
    if ((EXTRA_NUMBERS as readonly string[]).includes(key)) out[key] = unknownOr((v, p) => readNumber(v, p, -1))(o[key], `${path}.${key}`);
    else if ((EXTRA_TEXTS as readonly string[]).includes(key)) out[key] = readString(o[key], `${path}.${key}`, COMMAND_LIMIT);
    else throw new RecordingError(`${path} has an unknown field`);
  }
  return out as Extra;
}

function extraOf(p: ProcessInfo): Extra | null {
  let extra: Record<string, unknown> | null = null;
  for (const key of [...EXTRA_NUMBERS, ...EXTRA_TEXTS]) {
    const value = p[key];
    if (value === undefined) continue;
    extra ??= {};
    extra[key] = value;
  }
  return extra as Extra | null;
}

export function headerRecord(header: RecordingHeader): object {
  return {
    format: RECORDING_FORMAT,
    version: RECORDING_VERSION,
    source: header.source,
    capabilities: header.capabilities,
    intervalMs: header.intervalMs,
    started: header.started,
    writer: header.writer,
    processFields: PROCESS_FIELDS,
  };
}

function processTuple(p: ProcessInfo): unknown[] {
  const tuple: unknown[] = [
    p.pid,
    p.ppid,
    p.uid,
    p.user,
    p.state,
    p.priority,
    p.nice,
    p.threads,
    p.vsz,
    p.rss,
    p.shared,
    p.startTime,
    p.cpuTime,
    p.processor,
    p.name,
    p.command,
    p.kernelThread,
  ];
  const extra = extraOf(p);
  if (extra) tuple.push(extra);
  return tuple;
}

/** Whether two processes' `extra` objects hold the same fields (a change of one is a change of the whole object). */
function sameExtra(a: ProcessInfo, b: ProcessInfo): boolean {
  return JSON.stringify(extraOf(a)) === JSON.stringify(extraOf(b));
}

/** The figures every record has in full: they change with every sample anyway. */
function systemFields(frame: RecordedFrame): Fields {
  const s = frame.sample;
  const out: Fields = {
    time: s.time,
    monotonic: s.monotonic,
    cpus: s.cpus.map((c) => [c.user, c.system, c.nice, c.idle]),
    memory: s.memory,
    swap: s.swap,
    load: s.load,
    uptime: s.uptime,
    tasks: s.tasks,
    unreadable: s.unreadable,
  };
  if (s.procsRunning !== undefined) out.procsRunning = s.procsRunning;
  if (s.counters) out.counters = s.counters;
  if (frame.pool) out.pool = frame.pool;
  if (frame.events.length > 0) out.events = frame.events.map((e) => [e.at, e.level, e.text]);
  return out;
}

/** By PID as a number, or as text: the order /proc lists them in (Node's readdir sorts names). */
const BY_PID = (a: ProcessInfo, b: ProcessInfo): number => a.pid - b.pid;
const BY_PID_TEXT = (a: ProcessInfo, b: ProcessInfo): number => {
  const x = String(a.pid);
  const y = String(b.pid);
  return x < y ? -1 : x > y ? 1 : 0;
};
/** A delta's `order` when it is not by PID: by PID as text, or the list of PIDs. */
const TEXT_ORDER = 'pid-text';

function sortedBy(processes: readonly ProcessInfo[], compare: (a: ProcessInfo, b: ProcessInfo) => number): boolean {
  for (let i = 1; i < processes.length; i++) if (compare(processes[i - 1]!, processes[i]!) >= 0) return false;
  return true;
}

/**
 * Turns frames into records: a key frame (`"key": true`, every process) when asked, otherwise a
 * delta against the frame before: processes gone, new (or whose PID now names another process),
 * and the fields that changed of the others. A sampler hands back the same object for a process
 * whose stat line did not change, so most of a delta is found by identity alone.
 */
export class RecordEncoder {
  private previous: Map<number, ProcessInfo> | null = null;

  encode(frame: RecordedFrame, key: boolean): Fields {
    const processes = frame.sample.processes;
    const out = systemFields(frame);
    const previous = this.previous;
    const current = new Map<number, ProcessInfo>();
    for (const p of processes) current.set(p.pid, p);
    this.previous = current;
    if (key || previous === null) {
      out.key = true;
      out.processes = processes.map(processTuple);
      return out;
    }
    const added: unknown[] = [];
    const changed: unknown[] = [];
    for (const p of processes) {
      const before = previous.get(p.pid);
      if (before === p) continue;
      if (!before || before.startTime !== p.startTime || (extraOf(before) === null) !== (extraOf(p) === null)) {
        added.push(processTuple(p));
        continue;
      }
      const a = processTuple(before);
      const b = processTuple(p);
      const change: unknown[] = [p.pid];
      for (let i = 1; i < b.length; i++) {
        const extra = i === PROCESS_FIELDS.length - 1;
        if (extra ? !sameExtra(before, p) : !Object.is(a[i], b[i])) change.push(i, b[i]);
      }
      if (change.length > 1) changed.push(change);
    }
    const gone: number[] = [];
    for (const pid of previous.keys()) if (!current.has(pid)) gone.push(pid);
    if (gone.length > 0) out.gone = gone;
    if (added.length > 0) out.added = added;
    if (changed.length > 0) out.changed = changed;
    // Read back, a delta's processes are in PID order; another order is said: by PID as text
    // (how /proc lists them), or in full.
    if (!sortedBy(processes, BY_PID)) out.order = sortedBy(processes, BY_PID_TEXT) ? TEXT_ORDER : processes.map((p) => p.pid);
    return out;
  }
}

export function readHeader(value: unknown): RecordingHeader {
  const h = readObject(value, 'header');
  if (h.format !== RECORDING_FORMAT) throw new RecordingError('not a pooltop recording (its first record names no pooltop-recording format)');
  if (h.version !== RECORDING_VERSION) {
    const version = typeof h.version === 'number' ? String(h.version).slice(0, 12) : 'an unknown version';
    throw new RecordingError(`a recording of format version ${version}; this pooltop reads version ${RECORDING_VERSION}`);
  }
  const caps = readObject(h.capabilities, 'header.capabilities');
  const fields = readList(h.processFields, 'header.processFields', 64);
  if (fields.length !== PROCESS_FIELDS.length || fields.some((f, i) => f !== PROCESS_FIELDS[i])) {
    throw new RecordingError('header.processFields are not the fields of this format version');
  }
  return {
    source: readChoice(h.source, 'header.source', SOURCE_NAMES),
    capabilities: {
      startTimePrecisionMs: readNumber(caps.startTimePrecisionMs, 'header.capabilities.startTimePrecisionMs', 0, 86_400_000),
      cpuTime: readBoolean(caps.cpuTime, 'header.capabilities.cpuTime'),
      ...(caps.fields === undefined
        ? {}
        : { fields: readList(caps.fields, 'header.capabilities.fields', 64).map((f, i) => readChoice(f, `header.capabilities.fields[${i}]`, SOURCE_FIELDS)) }),
      ...(caps.threads === undefined ? {} : { threads: readBoolean(caps.threads, 'header.capabilities.threads') }),
    },
    intervalMs: readInteger(h.intervalMs, 'header.intervalMs', 1, 86_400_000),
    started: readNumber(h.started, 'header.started'),
    writer: readString(h.writer, 'header.writer', 64),
  };
}

function readProcess(value: unknown, path: string): ProcessInfo {
  const t = readList(value, path, PROCESS_FIELDS.length);
  if (t.length < PROCESS_FIELDS.length - 1)
    throw new RecordingError(`${path} has ${t.length} fields (${PROCESS_FIELDS.length - 1} or ${PROCESS_FIELDS.length})`);
  const f = (i: number): unknown => PROCESS_READERS[PROCESS_FIELDS[i]!](t[i], `${path}.${PROCESS_FIELDS[i]}`);
  const p: ProcessInfo = {
    pid: f(0) as number,
    ppid: f(1) as number,
    uid: f(2) as number,
    user: f(3) as string,
    state: f(4) as string,
    priority: f(5) as number,
    nice: f(6) as number,
    threads: f(7) as number,
    vsz: f(8) as number,
    rss: f(9) as number,
    shared: f(10) as number,
    startTime: f(11) as number,
    cpuTime: f(12) as number,
    processor: f(13) as number,
    name: f(14) as string,
    command: f(15) as string,
    kernelThread: f(16) as boolean,
  };
  if (t.length === PROCESS_FIELDS.length) Object.assign(p, f(17) as Extra);
  return p;
}

/** A copy of `before` with the changed fields of `[pid, index, value, index, value…]`, each checked. */
function applyChange(before: ProcessInfo, change: unknown[], path: string): ProcessInfo {
  if (change.length % 2 !== 1) throw new RecordingError(`${path} must be a PID then pairs of field and value`);
  const p = { ...before } as unknown as Record<string, unknown>;
  for (let i = 1; i < change.length; i += 2) {
    const index = readInteger(change[i], `${path}[${i}]`, 1, PROCESS_FIELDS.length - 1);
    const field = PROCESS_FIELDS[index]!;
    if (field === 'extra') {
      if (extraOf(before) === null) throw new RecordingError(`${path} changes a field the process has not`);
      for (const key of [...EXTRA_NUMBERS, ...EXTRA_TEXTS]) delete p[key];
      Object.assign(p, readExtra(change[i + 1], `${path}.extra`));
    } else {
      p[field satisfies TupleField] = PROCESS_READERS[field](change[i + 1], `${path}.${field}`);
    }
  }
  return p as unknown as ProcessInfo;
}

/** A task count, or null where the source could not count it. */
function count(value: unknown, path: string): number | null {
  return readNullable(value, (v) => readInteger(v, path));
}

function readCounters(value: unknown): HostCounters {
  const c = readObject(value, 'counters');
  const numbers = <K extends string>(o: Fields, keys: readonly K[], path: string): Record<K, number> => {
    const out = {} as Record<K, number>;
    for (const k of keys) out[k] = readNumber(o[k], `${path}.${k}`);
    return out;
  };
  const cpuKeys = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal', 'guest', 'guestNice'] as const;
  const diskKeys = ['readsCompleted', 'writesCompleted', 'readBytes', 'writtenBytes', 'ioTimeSeconds'] as const;
  const netKeys = [
    'receiveBytes',
    'receivePackets',
    'receiveErrors',
    'receiveDrops',
    'transmitBytes',
    'transmitPackets',
    'transmitErrors',
    'transmitDrops',
  ] as const;
  const device = (o: Fields, path: string): string => readString(o.device, `${path}.device`, 256);
  return {
    bootTime: readNumber(c.bootTime, 'counters.bootTime'),
    cpus: readList(c.cpus, 'counters.cpus', CORE_LIMIT).map((v, i) => numbers(readObject(v, `counters.cpus[${i}]`), cpuKeys, `counters.cpus[${i}]`)),
    disks: readList(c.disks, 'counters.disks', DEVICE_LIMIT).map((v, i) => {
      const o = readObject(v, `counters.disks[${i}]`);
      return { device: device(o, `counters.disks[${i}]`), ...numbers(o, diskKeys, `counters.disks[${i}]`) };
    }),
    networks: readList(c.networks, 'counters.networks', DEVICE_LIMIT).map((v, i) => {
      const o = readObject(v, `counters.networks[${i}]`);
      return { device: device(o, `counters.networks[${i}]`), ...numbers(o, netKeys, `counters.networks[${i}]`) };
    }),
  };
}

function readEvents(value: unknown): RecordedEvent[] {
  if (value === undefined) return [];
  return readList(value, 'events', EVENT_LIMIT).map((v, i) => {
    const e = readList(v, `events[${i}]`, 3);
    return {
      at: readNumber(e[0], `events[${i}].at`),
      level: readChoice(e[1], `events[${i}].level`, ['info', 'warn', 'error'] as const),
      text: readString(e[2], `events[${i}].text`, EVENT_TEXT_LIMIT),
    };
  });
}

/**
 * Turns records back into frames, each field checked: a key frame alone, a delta on top of the
 * frame decoded just before it (the caller starts from a key frame, see the replay sampler).
 */
export class RecordDecoder {
  private previous: Sample | null = null;

  constructor(private readonly header: RecordingHeader) {}

  /** Forgets the frame before: the next record must be a key frame. */
  reset(): void {
    this.previous = null;
  }

  decode(value: unknown): RecordedFrame {
    const r = readObject(value, 'record');
    const key = r.key === true;
    const base = this.previous;
    if (!key && base === null) throw new RecordingError('a delta record comes without the key frame before it');
    const processes = key ? this.keyProcesses(r) : this.deltaProcesses(r, base!);
    const memory = readObject(r.memory, 'memory');
    const swap = readObject(r.swap, 'swap');
    const tasks = readObject(r.tasks, 'tasks');
    const load = readList(r.load, 'load', 3);
    const sample: Sample = {
      time: readNumber(r.time, 'time'),
      monotonic: readNumber(r.monotonic, 'monotonic', -Number.MAX_SAFE_INTEGER),
      cpus: readList(r.cpus, 'cpus', CORE_LIMIT).map((v, i) => {
        const c = readList(v, `cpus[${i}]`, 4);
        const pc = (j: number, name: string): number => readNumber(c[j], `cpus[${i}].${name}`, 0, PERCENT_LIMIT);
        return { user: pc(0, 'user'), system: pc(1, 'system'), nice: pc(2, 'nice'), idle: pc(3, 'idle') };
      }),
      memory: {
        total: readNumber(memory.total, 'memory.total'),
        used: readNumber(memory.used, 'memory.used'),
        shared: readNumber(memory.shared, 'memory.shared'),
        compressed: readNumber(memory.compressed, 'memory.compressed'),
        free: readNumber(memory.free, 'memory.free'),
        available: readNumber(memory.available, 'memory.available'),
        buffers: readNumber(memory.buffers, 'memory.buffers'),
        cached: readNumber(memory.cached, 'memory.cached'),
        usedConvention: readChoice(memory.usedConvention, 'memory.usedConvention', ['htop', 'total-available'] as const),
      },
      swap: {
        total: readNumber(swap.total, 'swap.total'),
        used: readNumber(swap.used, 'swap.used'),
        free: readNumber(swap.free, 'swap.free'),
        cached: readNumber(swap.cached, 'swap.cached'),
      },
      load: [0, 1, 2].map((i) => readNumber(load[i], `load[${i}]`, 0, 1e9)) as [number, number, number],
      uptime: readNumber(r.uptime, 'uptime'),
      tasks: {
        total: readInteger(tasks.total, 'tasks.total'),
        running: count(tasks.running, 'tasks.running'),
        sleeping: count(tasks.sleeping, 'tasks.sleeping'),
        stopped: count(tasks.stopped, 'tasks.stopped'),
        zombie: count(tasks.zombie, 'tasks.zombie'),
        threads: count(tasks.threads, 'tasks.threads'),
        userProcesses: readInteger(tasks.userProcesses, 'tasks.userProcesses'),
        userThreads: count(tasks.userThreads, 'tasks.userThreads'),
        kernelThreads: count(tasks.kernelThreads, 'tasks.kernelThreads'),
        runningThreads: count(tasks.runningThreads, 'tasks.runningThreads'),
      },
      processes,
      unreadable: readInteger(r.unreadable, 'unreadable'),
      source: this.header.source,
      capabilities: this.header.capabilities,
    };
    if (r.counters !== undefined) sample.counters = readCounters(r.counters);
    if (r.procsRunning !== undefined) sample.procsRunning = readNullable(r.procsRunning, (v) => readInteger(v, 'procsRunning', 0, PID_LIMIT));
    if (base !== null && !key && sample.time < base.time) throw new RecordingError('time goes backwards');
    this.previous = sample;
    return { sample, pool: r.pool === undefined ? null : readPoolSnapshot(r.pool), events: readEvents(r.events) };
  }

  private keyProcesses(r: Fields): ProcessInfo[] {
    const list = readList(r.processes, 'processes', PROCESS_LIMIT).map((v, i) => readProcess(v, `processes[${i}]`));
    const seen = new Set<number>();
    for (const p of list) {
      if (seen.has(p.pid)) throw new RecordingError(`processes list PID ${p.pid} twice`);
      seen.add(p.pid);
    }
    return list;
  }

  private deltaProcesses(r: Fields, base: Sample): ProcessInfo[] {
    const byPid = new Map<number, ProcessInfo>();
    for (const p of base.processes) byPid.set(p.pid, p);
    if (r.gone !== undefined) {
      readList(r.gone, 'gone', PROCESS_LIMIT).forEach((v, i) => {
        const pid = readInteger(v, `gone[${i}]`, 0, PID_LIMIT);
        if (!byPid.delete(pid)) throw new RecordingError(`gone[${i}] names a PID the sample before did not have`);
      });
    }
    if (r.changed !== undefined) {
      readList(r.changed, 'changed', PROCESS_LIMIT).forEach((v, i) => {
        const change = readList(v, `changed[${i}]`, 2 * PROCESS_FIELDS.length + 1);
        const pid = readInteger(change[0], `changed[${i}][0]`, 0, PID_LIMIT);
        const before = byPid.get(pid);
        if (!before) throw new RecordingError(`changed[${i}] names a PID the sample before did not have`);
        byPid.set(pid, applyChange(before, change, `changed[${i}]`));
      });
    }
    if (r.added !== undefined) {
      readList(r.added, 'added', PROCESS_LIMIT).forEach((v, i) => {
        const p = readProcess(v, `added[${i}]`);
        byPid.set(p.pid, p);
      });
    }
    if (byPid.size > PROCESS_LIMIT) throw new RecordingError(`a sample has more than ${PROCESS_LIMIT} processes`);
    if (r.order === undefined || r.order === TEXT_ORDER) return [...byPid.values()].sort(r.order === undefined ? BY_PID : BY_PID_TEXT);
    const order = readList(r.order, 'order', PROCESS_LIMIT);
    if (order.length !== byPid.size) throw new RecordingError('order does not list every process once');
    const out: ProcessInfo[] = [];
    order.forEach((v, i) => {
      const p = byPid.get(readInteger(v, `order[${i}]`, 0, PID_LIMIT));
      if (!p) throw new RecordingError('order does not list every process once');
      out.push(p);
      byPid.delete(p.pid);
    });
    return out;
  }
}
