// Task counts, as the header and `snapshot` show them: by state as top counts processes, and as
// htop's Tasks meter counts (processes without kernel threads, their other threads, kernel
// threads, threads running now). A count the processes' fields cannot give is null.
import type { ProcessInfo, TaskCounts } from './types.js';

/**
 * `procsRunning` is /proc/stat's count of running threads (null where the source has none: then
 * htop's "running" is unknown); htop shows at most one running per core, so it is capped at `cores`.
 */
export function countTasks(processes: readonly ProcessInfo[], procsRunning: number | null = null, cores = Number.POSITIVE_INFINITY): TaskCounts {
  let running = 0;
  let sleeping = 0;
  let stopped = 0;
  let zombie = 0;
  let knownStates = 0;
  let threads = 0;
  let userThreads = 0;
  let kernelThreads = 0;
  let knownThreads = true;
  let total = 0;
  for (const p of processes) {
    // A thread's row is counted in its process's thread count, not as a task of its own.
    if (p.threadOf !== undefined) continue;
    total++;
    if (Number.isFinite(p.threads)) {
      threads += p.threads;
      if (!p.kernelThread) userThreads += Math.max(0, p.threads - 1);
    } else knownThreads = false;
    if (p.kernelThread) kernelThreads++;
    if (p.state !== '') knownStates++;
    switch (p.state) {
      case 'R':
        running++;
        break;
      case 'S':
      case 'D':
      case 'I':
        sleeping++;
        break;
      case 'T':
      case 't':
        stopped++;
        break;
      case 'Z':
        zombie++;
        break;
    }
  }
  const states = knownStates > 0 || total === 0;
  return {
    total,
    running: states ? running : null,
    sleeping: states ? sleeping : null,
    stopped: states ? stopped : null,
    zombie: states ? zombie : null,
    threads: knownThreads ? threads : null,
    userProcesses: total - kernelThreads,
    userThreads: knownThreads ? userThreads : null,
    kernelThreads,
    runningThreads: procsRunning === null ? null : Math.min(procsRunning, cores),
  };
}
