// Everything the graphs draw, kept as fixed-size rings: each core's nice/user/system, memory's and
// swap's parts, disk and network totals, the pool's cores busy with its marks, and each worker's CPU.
// Recording a sample writes into the rings in place; nothing grows however long pooltop runs.
import type { PoolSnapshot } from '../pool/pool-snapshot.js';
import type { Sample } from '../sampling/types.js';
import { hostRates, type HostRates } from './host-rates.js';
import { MEMORY_PART_IDS, memoryParts } from './memory-parts.js';
import { poolChanges, type PoolMark } from './pool-marks.js';
import { TimeRing } from './time-ring.js';

/** Samples kept: an hour at the default refresh of 1 s (six minutes at -d 1). */
export const HISTORY_CAPACITY = 3600;
/** A worker's sparkline needs its last minute; ten are kept, for the longest zoom. */
const WORKER_CAPACITY = 600;
/** Marks under the pool graph: the newest are kept. */
const MARK_CAPACITY = 256;
/** Channels per core in the CPU ring, bottom segment first: nice, user, system (as the meter stacks them). */
export const CPU_CHANNELS = 3;

/** The memory ring's channels: the parts memoryParts() lists, in its order, then swap's two. */
export const MEMORY_CHANNELS: readonly string[] = [...MEMORY_PART_IDS, 'swapUsed', 'swapCache'];
/** Where swap's channels start in the memory ring. */
export const SWAP_CHANNEL = MEMORY_CHANNELS.indexOf('swapUsed');

export interface History {
  /** Per core c: nice at 3c, user at 3c + 1, system at 3c + 2; fractions of the core. */
  cpu: TimeRing;
  /**
   * The memory meter's parts in its order (used, shared, compressed, buffers, cache) as fractions
   * of memory, then swap used and swap cache as fractions of swap (MEMORY_CHANNELS).
   */
  memory: TimeRing;
  /** Bytes a second: disk read, disk written, network received, network sent. */
  io: TimeRing;
  /** Cores the pool's workers kept busy (their CPU% summed, ÷ 100). */
  pool: TimeRing;
  poolMarks: PoolMark[];
  /** Each live worker's CPU as a fraction of one core, by PID. */
  workers: Map<number, TimeRing>;
  /** The rates of the newest sample, per device. */
  rates: HostRates | null;
  /** Monotonic ms of the newest sample recorded. */
  now: number;
  /** The pool as last recorded, to tell what changed. */
  lastPool: PoolSnapshot | null;
}

export function createHistory(cores: number): History {
  return {
    cpu: new TimeRing(HISTORY_CAPACITY, Math.max(1, cores) * CPU_CHANNELS),
    memory: new TimeRing(HISTORY_CAPACITY, MEMORY_CHANNELS.length),
    io: new TimeRing(HISTORY_CAPACITY, 4),
    pool: new TimeRing(HISTORY_CAPACITY, 1),
    poolMarks: [],
    workers: new Map(),
    rates: null,
    now: 0,
    lastPool: null,
  };
}

export interface Recorded {
  sample: Sample;
  /** The sample CPU% was measured from: rates are over the same interval. */
  base: Sample | null;
  pool: PoolSnapshot | null;
  /** CPU% (100 = one core) of each process of the sample, by PID. */
  cpuOf(pid: number): number | undefined;
}

/**
 * `history` with `input` recorded: the rings are written in place and a new History object is
 * returned for the store to notice. A change in the number of cores (hot-plug) starts the CPU
 * history afresh.
 */
export function recordSample(history: History, { sample, base, pool, cpuOf }: Recorded): History {
  const now = sample.monotonic;
  if (history.cpu.length > 0 && now <= history.now) return history;
  const cores = sample.cpus.length;
  const cpu = history.cpu.channels === Math.max(1, cores) * CPU_CHANNELS ? history.cpu : new TimeRing(HISTORY_CAPACITY, Math.max(1, cores) * CPU_CHANNELS);
  const values = new Float64Array(cpu.channels);
  sample.cpus.forEach((c, i) => {
    values[i * CPU_CHANNELS] = c.nice / 100;
    values[i * CPU_CHANNELS + 1] = c.user / 100;
    values[i * CPU_CHANNELS + 2] = c.system / 100;
  });
  // The first sample has no interval behind it: its CPU% is not a measurement yet.
  if (base) cpu.push(now, values);
  const { memory, swap } = sample;
  const ofMemory = (bytes: number): number => (memory.total > 0 ? bytes / memory.total : Number.NaN);
  const ofSwap = (bytes: number): number => (swap.total > 0 ? bytes / swap.total : Number.NaN);
  const parts = memoryParts(memory).map((part) => ofMemory(part.bytes));
  history.memory.push(now, [...parts, ofSwap(swap.used), ofSwap(swap.cached)]);
  const rates = base ? hostRates(base.counters, sample.counters, (now - base.monotonic) / 1000) : null;
  if (rates) {
    const { diskTotal: d, networkTotal: n } = rates;
    history.io.push(now, [d.readBytesPerSecond, d.writeBytesPerSecond, n.receiveBytesPerSecond, n.transmitBytesPerSecond]);
  }
  const live = pool && pool.summary.phase !== 'idle' ? pool : null;
  const marks = history.poolMarks;
  for (const kind of poolChanges(history.lastPool, live)) marks.push({ time: now, kind });
  if (marks.length > MARK_CAPACITY) marks.splice(0, marks.length - MARK_CAPACITY);
  const workers = history.workers;
  if (live && base) {
    let busy = 0;
    const pids = new Set<number>();
    for (const w of live.workers) {
      pids.add(w.pid);
      const percent = cpuOf(w.pid);
      if (percent === undefined) continue;
      busy += percent;
      let ring = workers.get(w.pid);
      if (!ring) {
        ring = new TimeRing(WORKER_CAPACITY, 1);
        workers.set(w.pid, ring);
      }
      ring.push(now, [percent / 100]);
    }
    history.pool.push(now, [busy / 100]);
    for (const pid of workers.keys()) if (!pids.has(pid)) workers.delete(pid);
  } else if (!live) {
    workers.clear();
  }
  return { ...history, cpu, rates, now, lastPool: live };
}

/** Bytes the rings hold (their arrays, whatever their fill): what an hour of history costs. */
export function historyBytes(history: History): number {
  let bytes = history.cpu.bytes + history.memory.bytes + history.io.bytes + history.pool.bytes;
  for (const ring of history.workers.values()) bytes += ring.bytes;
  return bytes;
}
