// Which processes belong to a pooltop pool, seen from outside any pooltop (a headless snapshot):
// the workers, known by the title every worker gives itself, and everything below them.
import type { ProcessInfo } from '../sampling/types.js';

/**
 * A worker's whole command line: worker-entry.ts sets process.title to this, which overwrites
 * its argv, so /proc/PID/cmdline reads exactly that (comm is cut to "pooltop-worker ").
 */
const WORKER_TITLE = /^pooltop-worker \d+$/;

export function isPoolWorker(p: Pick<ProcessInfo, 'command'>): boolean {
  return WORKER_TITLE.test(p.command);
}

/**
 * The PIDs of every pool worker of every pooltop on the machine and of their descendants (a
 * family task's child, and whatever that child starts). A child whose worker died has been
 * re-parented (to PID 1 or a subreaper) and nothing in /proc ties it to the pool any more: it is
 * not counted. The title is no proof: a process that gives itself a worker's title counts as one.
 */
export function poolProcessPids(processes: readonly Pick<ProcessInfo, 'pid' | 'ppid' | 'command'>[]): Set<number> {
  const children = new Map<number, number[]>();
  const found = new Set<number>();
  const stack: number[] = [];
  for (const p of processes) {
    if (isPoolWorker(p)) {
      found.add(p.pid);
      stack.push(p.pid);
    }
    const siblings = children.get(p.ppid);
    if (siblings) siblings.push(p.pid);
    else children.set(p.ppid, [p.pid]);
  }
  // Iterative, and each PID taken once: a PPID cycle in a bad sample cannot loop.
  while (stack.length > 0) {
    for (const child of children.get(stack.pop()!) ?? []) {
      if (found.has(child)) continue;
      found.add(child);
      stack.push(child);
    }
  }
  return found;
}
