// The IPC messages between the pool manager and a worker, and guards for each direction.
import type { PrimeMethod } from './next-prime.js';
import type { Task } from './task.js';
import { isWorkloadName } from './workload-names.js';

/** Cumulative CPU of the worker process since it started (process.cpuUsage()), in microseconds. */
export interface CpuTotals {
  userUs: number;
  systemUs: number;
}

export type ToWorker = { type: 'task'; task: Task } | { type: 'retire' };

export type FromWorker =
  | { type: 'ready'; pid: number; usage: CpuTotals }
  | {
      type: 'result';
      taskId: number;
      value: number | string;
      pid: number;
      cpuMs: number;
      wallMs: number;
      usage: CpuTotals;
    }
  | { type: 'failed'; taskId: number; error: string; pid: number; cpuMs: number; wallMs: number; usage: CpuTotals }
  /** A trap-mode worker caught and ignored a signal. */
  | { type: 'trapped'; signal: 'SIGTERM' | 'SIGINT'; pid: number }
  /**
   * A family task started its child: PID, start time in clock ticks after boot (null without
   * /proc), command, and whether the kernel kills it when the worker dies (its parent-death signal).
   */
  | { type: 'child-start'; pid: number; taskId: number; childPid: number; startTicks: number | null; command: string; diesWithWorker: boolean }
  /** The worker's wait for that child returned: how it ended. */
  | { type: 'child-exit'; pid: number; taskId: number; childPid: number; code: number | null; signal: string | null };

/** The argv a worker is started with: its index, the parent it must not outlive, and its modes. */
export interface WorkerArgs {
  index: number;
  parentPid: number;
  trap: boolean;
  /** The pool found a working setpriv: start family children with a parent-death signal of their own. */
  childDeathSignal: boolean;
}

const FLAGS = ['--trap', '--pdeathsig'] as const;

export function workerArgv(args: WorkerArgs): string[] {
  return [String(args.index), String(args.parentPid), ...(args.trap ? ['--trap'] : []), ...(args.childDeathSignal ? ['--pdeathsig'] : [])];
}

export function parseWorkerArgv(argv: readonly string[]): WorkerArgs | null {
  const [index, parentPid, ...rest] = argv;
  const i = Number(index);
  const p = Number(parentPid);
  if (!Number.isInteger(i) || i < 1 || !Number.isInteger(p) || p < 1) return null;
  if (rest.some((a) => !(FLAGS as readonly string[]).includes(a))) return null;
  return { index: i, parentPid: p, trap: rest.includes('--trap'), childDeathSignal: rest.includes('--pdeathsig') };
}

/** A child's command line is short ("sleep 8"); anything longer is not a message from our worker. */
const MAX_COMMAND = 200;

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function isCpuTotals(v: unknown): v is CpuTotals {
  if (typeof v !== 'object' || v === null) return false;
  const { userUs, systemUs } = v as Record<string, unknown>;
  return isCount(userUs) && isCount(systemUs);
}

/** A message from a worker, checked field by field: anything else is dropped by the manager. */
export function parseFromWorker(message: unknown): FromWorker | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  if (!isId(m['pid'])) return null;
  switch (m['type']) {
    case 'ready':
      return isCpuTotals(m['usage']) ? (m as FromWorker) : null;
    case 'result': {
      const value = m['value'];
      const valueOk = (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'string';
      return valueOk && isId(m['taskId']) && isCount(m['cpuMs']) && isCount(m['wallMs']) && isCpuTotals(m['usage']) ? (m as FromWorker) : null;
    }
    case 'failed':
      return typeof m['error'] === 'string' && isId(m['taskId']) && isCount(m['cpuMs']) && isCount(m['wallMs']) && isCpuTotals(m['usage'])
        ? (m as FromWorker)
        : null;
    case 'trapped':
      return m['signal'] === 'SIGTERM' || m['signal'] === 'SIGINT' ? (m as FromWorker) : null;
    case 'child-start':
      return isId(m['taskId']) &&
        isId(m['childPid']) &&
        (m['startTicks'] === null || isId(m['startTicks'])) &&
        typeof m['command'] === 'string' &&
        m['command'].length <= MAX_COMMAND &&
        typeof m['diesWithWorker'] === 'boolean'
        ? (m as FromWorker)
        : null;
    case 'child-exit':
      return isId(m['taskId']) &&
        isId(m['childPid']) &&
        (m['code'] === null || isId(m['code'])) &&
        (m['signal'] === null || (typeof m['signal'] === 'string' && /^SIG[A-Z0-9]{1,10}$/.test(m['signal'])))
        ? (m as FromWorker)
        : null;
    default:
      return null;
  }
}

/** A message from the manager; the task's argument range is checked when it runs (a failed result). */
export function parseToWorker(message: unknown): ToWorker | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  if (m['type'] === 'retire') return { type: 'retire' };
  if (m['type'] !== 'task') return null;
  const task = m['task'] as Record<string, unknown> | null;
  if (typeof task !== 'object' || task === null || !isId(task['id']) || !isWorkloadName(task['workload'])) return null;
  const method = task['method'] as PrimeMethod | undefined;
  return {
    type: 'task',
    task: {
      id: task['id'],
      workload: task['workload'],
      arg: task['arg'] as number,
      ...(method !== undefined ? { method } : {}),
    },
  };
}
