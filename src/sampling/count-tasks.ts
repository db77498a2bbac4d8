// Task counts by state, as the header shows them.
import type { ProcessInfo, TaskCounts } from './types.js';

export function countTasks(processes: readonly ProcessInfo[]): TaskCounts {
  const counts: TaskCounts = { total: 0, running: 0, sleeping: 0, stopped: 0, zombie: 0, threads: 0 };
  for (const p of processes) {
    // A thread's row is counted in its process's thread count, not as a task of its own.
    if (p.threadOf !== undefined) continue;
    counts.total++;
    counts.threads += p.threads;
    switch (p.state) {
      case 'R':
        counts.running++;
        break;
      case 'S':
      case 'D':
      case 'I':
        counts.sleeping++;
        break;
      case 'T':
      case 't':
        counts.stopped++;
        break;
      case 'Z':
        counts.zombie++;
        break;
    }
  }
  return counts;
}
