// A batch command's run (`pooltop primes`, `pooltop sumsq`): the tasks on a pool, each result
// printed, then real/user/sys as bash's `time` prints them, the CPU share the workers got, and
// with --compare the same tasks on one worker, the speedup, and a warning when a run lacked cores.
import os from 'node:os';
import { sanitizeText } from '../model/sanitize.js';
import { PoolManager } from '../pool/pool-manager.js';
import type { TaskResult, TaskSpec } from '../pool/task.js';
import { BatchProgress } from './batch-progress.js';

export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export interface BatchJob {
  /** The subcommand, for messages: "primes". */
  command: string;
  specs: TaskSpec[];
  workers: number;
  ordered: boolean;
  compare: boolean;
  /** One result's line, without the newline. */
  format(result: TaskResult): string;
  /** The task a failure names: "next_prime(5)". */
  label(spec: TaskResult): string;
  /** Larger arguments to suggest when the 1-worker run took under a second. */
  moreWork: string;
}

/** What one run took: the times bash's `time` prints, and the CPU its workers got while on a task. */
export interface RunTimes {
  realMs: number;
  userMs: number;
  sysMs: number;
  /** Σ over the tasks of the CPU their worker used, and of their wall time. */
  taskCpuMs: number;
  taskWallMs: number;
}

/** Below this share of a core, a worker on a CPU-bound task waited for a core: its times are not the pool's. */
export const FULL_CORE = 0.9;

const SIGNAL_STATUS: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

/** bash's `time` format: 0m3.281s. */
export function formatBashTime(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const minutes = Math.floor(total / 60_000);
  return `${minutes}m${((total - minutes * 60_000) / 1000).toFixed(3)}s`;
}

/** The share of a core each worker got while it had a task (1.00: a core to itself); null for no task time. */
export function coreShare(times: RunTimes): number | null {
  return times.taskWallMs > 0 ? times.taskCpuMs / times.taskWallMs : null;
}

const workersText = (n: number): string => `${n} ${n === 1 ? 'worker' : 'workers'}`;

function shareText(times: RunTimes, workers: number): string {
  const share = coreShare(times);
  if (share === null) return '';
  return `; ${workers === 1 ? 'its worker' : 'each worker'} got ${share.toFixed(2)} of a core while on a task`;
}

/** The lines after the pool's results: its times and the cores it kept busy. */
export function mainReport(times: RunTimes, workers: number, tasks: number): string[] {
  return [
    '',
    `real\t${formatBashTime(times.realMs)}`,
    `user\t${formatBashTime(times.userMs)}`,
    `sys\t${formatBashTime(times.sysMs)}`,
    `cores busy: ${((times.userMs + times.sysMs) / times.realMs).toFixed(2)} ((user + sys) ÷ real) with ${workersText(workers)}, ${tasks} tasks${shareText(times, workers)}`,
  ];
}

/** --compare's lines (stdout) and its warnings (stderr) for the pool's run and the 1-worker rerun. */
export function compareReport(main: RunTimes, one: RunTimes, workers: number, cores: number, moreWork: string): { lines: string[]; warnings: string[] } {
  const speedup = one.realMs / main.realMs;
  const lines = [
    `1 worker: real ${formatBashTime(one.realMs)}  user ${formatBashTime(one.userMs)}  sys ${formatBashTime(one.sysMs)}${shareText(one, 1)}`,
    `speedup: ${speedup.toFixed(2)}x on ${workersText(workers)}; parallel efficiency ${(speedup / workers).toFixed(2)} (speedup ÷ workers)`,
  ];
  if (one.realMs < 1000) lines.push(`(little work: starting processes weighs on these figures; try ${moreWork})`);
  const warnings: string[] = [];
  const why = workers > cores ? `other programs had the rest, or ${workers} workers shared ${cores} cores` : 'other programs had the rest';
  const mainShare = coreShare(main);
  if (mainShare !== null && mainShare < FULL_CORE) {
    const who = workers === 1 ? "the pool's worker" : `the ${workers} workers`;
    const each = workers === 1 ? '' : ' each';
    warnings.push(
      `${who} got ${mainShare.toFixed(2)} of a core${each} while on a task (${why}): the pool's real time is too long, which makes the speedup and efficiency look too low`,
    );
  }
  const oneShare = coreShare(one);
  if (oneShare !== null && oneShare < FULL_CORE) {
    warnings.push(
      `the 1-worker run got ${oneShare.toFixed(2)} of a core while on a task (other programs had the rest): its real time is too long, which makes the speedup and efficiency look too high`,
    );
  }
  if (warnings.length > 0) warnings.push('these figures hold only when every worker has a core of its own: rerun when the meters show idle cores');
  return { lines, warnings };
}

/**
 * Runs `job` and returns the exit status: 0 done, 1 the pool failed, 128 + n interrupted by
 * signal n. Never throws; every worker has exited when it returns.
 */
export async function runBatch(job: BatchJob, io: CommandIo): Promise<number> {
  const pools = new Set<PoolManager>();
  let interrupted: NodeJS.Signals | null = null;
  let wake: () => void = () => {};
  const interruption = new Promise<void>((resolve) => (wake = resolve));
  const onSignal = (signal: NodeJS.Signals): void => {
    interrupted ??= signal;
    for (const pool of pools) pool.shutdown();
    wake();
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of signals) process.on(signal, onSignal);
  const printResult = (result: TaskResult): void => {
    io.stdout.write(`${job.format(result)}\n`);
  };

  /** as-they-come: each result printed when it arrives; in-order: all at the end; none: not at all. */
  const run = async (workers: number, show: 'as-they-come' | 'in-order' | 'none'): Promise<RunTimes | null> => {
    const pool = new PoolManager();
    pools.add(pool);
    // With nothing printed meanwhile, a progress line says the run is on its way.
    const progress = show === 'as-they-come' ? null : new BatchProgress(io.stderr, `pooltop ${job.command}: ${workersText(workers)}`, job.specs.length);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    try {
      await Promise.race([pool.start(workers, { pollMs: 0 }), interruption]);
      if (interrupted !== null) return null;
      const onResult = progress === null ? printResult : (result: TaskResult) => progress.add(result);
      const results = await Promise.race([pool.submit(job.specs, { onResult }), interruption]);
      if (interrupted !== null || results === undefined) return null;
      progress?.end();
      if (show === 'in-order') results.forEach(printResult);
      const failed = results.find((r) => r.error !== null);
      if (failed) throw new Error(`${job.label(failed)} failed: ${failed.error}`);
      // Workers' CPU as they last reported it (each result carries its total), before they go.
      const { cpuUserMs, cpuSystemMs } = pool.snapshot().summary;
      await pool.stop();
      const realMs = performance.now() - t0;
      const parent = process.cpuUsage(cpu0);
      return {
        realMs,
        userMs: cpuUserMs + parent.user / 1000,
        sysMs: cpuSystemMs + parent.system / 1000,
        taskCpuMs: results.reduce((sum, r) => sum + r.cpuMs, 0),
        taskWallMs: results.reduce((sum, r) => sum + r.wallMs, 0),
      };
    } finally {
      progress?.end();
      pool.shutdown();
      await pool.kill();
      pools.delete(pool);
    }
  };

  try {
    const main = await run(job.workers, job.ordered ? 'in-order' : 'as-they-come');
    if (main === null) return stopBy(job.command, interrupted, io);
    io.stdout.write(`${mainReport(main, job.workers, job.specs.length).join('\n')}\n`);
    if (job.compare) {
      const one = await run(1, 'none');
      if (one === null) return stopBy(job.command, interrupted, io);
      const { lines, warnings } = compareReport(main, one, job.workers, os.availableParallelism(), job.moreWork);
      io.stdout.write(`${lines.join('\n')}\n`);
      for (const warning of warnings) io.stderr.write(`pooltop ${job.command}: warning: ${warning}\n`);
    }
    return 0;
  } catch (error) {
    if (interrupted !== null) return stopBy(job.command, interrupted, io);
    io.stderr.write(`pooltop ${job.command}: ${sanitizeText(error instanceof Error ? error.message : String(error))}\n`);
    return 1;
  } finally {
    for (const signal of signals) process.off(signal, onSignal);
  }
}

function stopBy(command: string, signal: NodeJS.Signals | null, io: CommandIo): number {
  io.stderr.write(`pooltop ${command}: interrupted${signal ? ` by ${signal}` : ''}; every worker was stopped\n`);
  return signal ? (SIGNAL_STATUS[signal] ?? 1) : 1;
}
