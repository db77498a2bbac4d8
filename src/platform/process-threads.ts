// A process's threads, as /proc/[pid]/task lists them.
import { existsSync } from 'node:fs';
import { HAS_PROCFS, PROC_ROOT } from './procfs.js';

/**
 * Whether `tid` is a thread of `owner` ('self': pooltop). kill(2) given a thread's ID signals the
 * whole process it belongs to. False without /proc, where it cannot be told.
 */
export function isThreadOf(owner: number | 'self', tid: number): boolean {
  return HAS_PROCFS && existsSync(`${PROC_ROOT}/${owner}/task/${tid}`);
}
