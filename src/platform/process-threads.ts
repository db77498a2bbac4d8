// A process's threads, as /proc/[pid]/task lists them.
import { existsSync } from 'node:fs';
import { parseStatusTgid } from './parse-proc.js';
import { readProcFile } from './proc-file.js';
import { HAS_PROCFS, PROC_ROOT } from './procfs.js';

/**
 * Whether `tid` is a thread of `owner` ('self': pooltop). kill(2) given a thread's ID signals the
 * whole process it belongs to. False without /proc, where it cannot be told.
 */
export function isThreadOf(owner: number | 'self', tid: number): boolean {
  return HAS_PROCFS && existsSync(`${PROC_ROOT}/${owner}/task/${tid}`);
}

/**
 * The PID of the process whose thread `tid` is, when `tid` is a thread other than a main one
 * (/proc lists only processes, but /proc/[tid] opens for any thread); null otherwise.
 */
export function processOfThread(tid: number, root = PROC_ROOT): number | null {
  if (!HAS_PROCFS && root === PROC_ROOT) return null;
  const status = readProcFile(`${root}/${tid}/status`);
  if (typeof status !== 'string') return null;
  const tgid = parseStatusTgid(status);
  return tgid > 0 && tgid !== tid ? tgid : null;
}
