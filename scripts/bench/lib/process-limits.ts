// How many more processes this machine lets the bench start: pid_max, threads-max, RLIMIT_NPROC
// (not enforced for root), the pids cgroup's limit, less what already runs, and memory enough.
import { readFileSync } from 'node:fs';

export interface ProcessLimits {
  pidMax: number;
  threadsMax: number;
  /** RLIMIT_NPROC's soft limit (Infinity for "unlimited"); root is not held to it. */
  nproc: number;
  /** The pids cgroup's pids.max (Infinity when there is none or it says "max"). */
  cgroupPids: number;
  /** Threads running now (each takes a PID). */
  threadsNow: number;
  memAvailable: number;
  /** How many more processes fit, keeping `margin` PIDs and 1 MiB each of memory to spare. */
  headroom: number;
  /** Which limit decides the headroom. */
  bound: string;
}

function readNumber(path: string): number {
  try {
    const text = readFileSync(path, 'utf8').trim();
    return text === 'max' ? Number.POSITIVE_INFINITY : Number(text);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** pids.max of this process's pids cgroup, v2 (the unified line) or v1 (the pids controller). */
function cgroupPidsMax(): number {
  let lines: string[];
  try {
    lines = readFileSync('/proc/self/cgroup', 'utf8').trim().split('\n');
  } catch {
    return Number.POSITIVE_INFINITY;
  }
  let limit = Number.POSITIVE_INFINITY;
  for (const line of lines) {
    const [, controllers, path] = line.split(':');
    const base = controllers === '' ? '/sys/fs/cgroup' : controllers === 'pids' ? '/sys/fs/cgroup/pids' : null;
    if (base === null || path === undefined) continue;
    // Every level up to the root can limit; the smallest wins.
    const parts = path.split('/').filter(Boolean);
    for (let i = parts.length; i >= 0; i--) limit = Math.min(limit, readNumber(`${base}/${parts.slice(0, i).join('/')}/pids.max`.replace('//', '/')));
  }
  return limit;
}

export function processLimits(margin = 1000): ProcessLimits {
  const limits = readFileSync('/proc/self/limits', 'utf8');
  const nprocText = /^Max processes\s+(\S+)/m.exec(limits)?.[1] ?? 'unlimited';
  const nproc = nprocText === 'unlimited' ? Number.POSITIVE_INFINITY : Number(nprocText);
  const threadsNow = Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[3]?.split('/')[1] ?? 0);
  const memAvailable = Number(/^MemAvailable:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0) * 1024;
  const pidMax = readNumber('/proc/sys/kernel/pid_max');
  const threadsMax = readNumber('/proc/sys/kernel/threads-max');
  const cgroupPids = cgroupPidsMax();
  const root = process.getuid?.() === 0;
  const bounds: [string, number][] = [
    ['pid_max', pidMax - threadsNow - margin],
    ['threads-max', threadsMax - threadsNow - margin],
    ['pids cgroup', cgroupPids - threadsNow - margin],
    ['memory (1 MiB each)', Math.floor(memAvailable / 1024 / 1024) - 1024],
  ];
  if (!root) bounds.push(['ulimit -u', nproc - threadsNow - margin]);
  const [bound, headroom] = bounds.reduce((a, b) => (b[1] < a[1] ? b : a));
  return { pidMax, threadsMax, nproc, cgroupPids, threadsNow, memAvailable, headroom: Math.max(0, headroom), bound };
}
