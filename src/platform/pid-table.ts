// Every process's PID, parent, start time and name from one pass over /proc: the table a subtree
// kill walks.
import { readdirSync } from 'node:fs';
import { parseProcStat } from './parse-proc.js';
import { readProcFile } from './proc-file.js';
import { PROC_ROOT } from './procfs.js';
import { startTimeFromTicks } from './start-time.js';

export interface ProcessNode {
  pid: number;
  ppid: number;
  /** As ProcessInfo.startTime (exact, from /proc); 0 when listed by another means (ps). */
  startTime: number;
  /** Short name, raw; '' when listed by another means. */
  comm: string;
  /** Process group ID; absent when listed by another means. */
  pgrp?: number;
}

/** The table, or why /proc could not be listed. */
export function readPidTable(root = PROC_ROOT): ProcessNode[] | { error: string } {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch (error) {
    return { error: `cannot list ${root}: ${(error as NodeJS.ErrnoException).code ?? 'error'}` };
  }
  const nodes: ProcessNode[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const text = readProcFile(`${root}/${name}/stat`);
    if (typeof text !== 'string') continue; // exited since the listing, or hidden: not ours to signal
    const stat = parseProcStat(text);
    if (!stat) continue;
    nodes.push({ pid: stat.pid, ppid: stat.ppid, startTime: startTimeFromTicks(stat.startTicks), comm: stat.comm, pgrp: stat.pgrp });
  }
  return nodes;
}
