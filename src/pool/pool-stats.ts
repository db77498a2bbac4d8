// The pool's running totals — run time, tasks done, the latest results, replacements, the CPU of
// workers past and present — and the snapshot the store mirrors, built from them and from what
// the scheduler and the supervisor hold.
import { rates, type ChildSnapshot, type PoolPhase, type PoolSnapshot, type WorkerSnapshot } from './pool-snapshot.js';
import type { TaskResult, WorkloadChoice } from './task.js';
import type { CpuTotals } from './worker-protocol.js';

/** A worker's CPU as two sources tell it: its own reports (process.cpuUsage) and /proc. */
export interface WorkerCpu {
  usage: CpuTotals;
  procCpuMs: number;
}

/** The larger of the two: /proc counts between results, the reports count to the microsecond. */
export function cpuMsOf(cpu: WorkerCpu): number {
  return Math.max((cpu.usage.userUs + cpu.usage.systemUs) / 1000, cpu.procCpuMs);
}

/** What the snapshot takes from the scheduler and the supervisor at the moment it is made. */
export interface PoolParts {
  phase: PoolPhase;
  workers: WorkerSnapshot[];
  /** The live workers' CPU. */
  cpu: WorkerCpu[];
  /** The stream's workload, or null when not streaming. */
  workload: WorkloadChoice | null;
  pending: number;
  inFlight: number;
  children: ChildSnapshot[];
}

export class PoolStats {
  private startedAt: number | null = null;
  private stoppedAt: number | null = null;
  private tasksDone = 0;
  private replaced = 0;
  private latest: TaskResult[] = [];
  private latestLimit = 50;
  /** CPU of workers that have exited. */
  private retired = { cpuMs: 0, userUs: 0, systemUs: 0 };

  /** A new run starts: every total from zero, the latest `latestLimit` results kept. */
  start(now: number, latestLimit: number): void {
    this.startedAt = now;
    this.stoppedAt = null;
    this.tasksDone = 0;
    this.replaced = 0;
    this.latest = [];
    this.latestLimit = Math.max(1, latestLimit);
    this.retired = { cpuMs: 0, userUs: 0, systemUs: 0 };
  }

  /** The run is over: its wall time stops. */
  stop(now: number): void {
    this.stoppedAt = now;
  }

  /** A result counted for the first time. */
  record(result: TaskResult): void {
    this.tasksDone++;
    this.latest.push(result);
    if (this.latest.length > this.latestLimit) this.latest.splice(0, this.latest.length - this.latestLimit);
  }

  /** A worker was started in place of one that died. */
  replacement(): void {
    this.replaced++;
  }

  /** A worker has exited: its CPU stays in the pool's total. */
  retire(cpu: WorkerCpu): void {
    this.retired.cpuMs += cpuMsOf(cpu);
    this.retired.userUs += cpu.usage.userUs;
    this.retired.systemUs += cpu.usage.systemUs;
  }

  /** A report that arrived after its worker's exit: the CPU it adds still belongs to the total. */
  lateUsage(cpu: WorkerCpu, usage: CpuTotals): void {
    this.retired.userUs += Math.max(0, usage.userUs - cpu.usage.userUs);
    this.retired.systemUs += Math.max(0, usage.systemUs - cpu.usage.systemUs);
    const before = cpuMsOf(cpu);
    cpu.usage = usage;
    this.retired.cpuMs += Math.max(0, cpuMsOf(cpu) - before);
  }

  snapshot(parts: PoolParts, now: number): PoolSnapshot {
    let cpuMs = this.retired.cpuMs;
    let userUs = this.retired.userUs;
    let systemUs = this.retired.systemUs;
    for (const cpu of parts.cpu) {
      cpuMs += cpuMsOf(cpu);
      userUs += cpu.usage.userUs;
      systemUs += cpu.usage.systemUs;
    }
    const wallMs = this.startedAt === null ? 0 : (this.stoppedAt ?? now) - this.startedAt;
    return {
      workers: parts.workers,
      summary: {
        phase: parts.phase,
        workers: parts.workers.length,
        streaming: parts.workload !== null,
        workload: parts.workload,
        startedAt: this.startedAt,
        wallMs,
        cpuMs,
        cpuUserMs: userUs / 1000,
        cpuSystemMs: systemUs / 1000,
        ...rates(cpuMs, wallMs, this.tasksDone),
        tasksDone: this.tasksDone,
        pending: parts.pending,
        inFlight: parts.inFlight,
        replaced: this.replaced,
        latest: [...this.latest],
        children: parts.children,
      },
    };
  }
}
