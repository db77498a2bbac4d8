// The mark every process of one screenshot run carries in its environment, so whatever the run
// started — tmux servers, shells, pooltop, its workers, the demo family — can be found in /proc
// afterwards, however it was re-parented, and nothing else is ever mistaken for it.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readCmdline, readProc, type ProcRef } from '../../test/e2e/proc-table.js';

/** The environment variable holding the run's tag. */
export const RUN_TAG_VARIABLE = 'POOLTOP_SCREENSHOTS_RUN';

/** A tag no other run shares: this process's PID and random bytes. */
export function newRunTag(): string {
  return `shots-${process.pid}-${randomBytes(6).toString('hex')}`;
}

export interface TaggedProcess extends ProcRef {
  command: string;
}

/**
 * The processes whose environment holds `RUN_TAG_VARIABLE=tag`, other than this process and its
 * own descendants (tsx's esbuild helper inherits nothing of the tag, but a caller that put the tag
 * in our environment would see it there too). Zombies have ended and are left out; processes
 * whose environment cannot be read (another user's) cannot be ours.
 */
export function taggedProcesses(tag: string): TaggedProcess[] {
  const needle = `${RUN_TAG_VARIABLE}=${tag}`;
  const ours = ownLineage();
  const found: TaggedProcess[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (ours.has(pid)) continue;
    let environ: string;
    try {
      environ = readFileSync(`/proc/${pid}/environ`, 'latin1');
    } catch {
      continue;
    }
    if (!environ.split('\0').includes(needle)) continue;
    const proc = readProc(pid);
    if (!proc || proc.state === 'Z' || proc.state === 'X') continue;
    found.push({ ...proc, command: readCmdline(pid) });
  }
  return found;
}

/** This process, its ancestors and its descendants: never counted as left behind. */
function ownLineage(): Set<number> {
  const lineage = new Set<number>();
  for (let pid = process.pid; pid > 0 && !lineage.has(pid); ) {
    lineage.add(pid);
    pid = readProc(pid)?.ppid ?? 0;
  }
  const parents = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const proc = readProc(Number(name));
    if (proc) parents.set(proc.ppid, [...(parents.get(proc.ppid) ?? []), proc.pid]);
  }
  const queue = [process.pid];
  while (queue.length > 0) {
    for (const child of parents.get(queue.pop()!) ?? []) {
      if (!lineage.has(child)) {
        lineage.add(child);
        queue.push(child);
      }
    }
  }
  return lineage;
}
