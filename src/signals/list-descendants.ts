// A process's descendants, top-down, from one snapshot of the PID/PPID table (/proc, else ps).
import { execFile } from 'node:child_process';
import { readPidTable, type ProcessNode } from '../platform/pid-table.js';
import { HAS_PROCFS } from '../platform/procfs.js';

export type ProcessListing = { ok: true; nodes: ProcessNode[]; exact: boolean } | { ok: false; error: string };

/** Lists every process with its parent; injected in tests. */
export type ProcessLister = () => Promise<ProcessListing>;

/** The whole table from /proc, or from `ps` where there is no /proc (macOS, the BSDs). */
export const listProcesses: ProcessLister = async () => (HAS_PROCFS ? listFromProcfs() : listFromPs());

export function listFromProcfs(): ProcessListing {
  const table = readPidTable();
  return Array.isArray(table) ? { ok: true, nodes: table, exact: true } : { ok: false, error: table.error };
}

/** PID and PPID of every process by `ps` (POSIX -A -o), with no shell between. */
export function listFromPs(command = 'ps'): Promise<ProcessListing> {
  return new Promise((resolve) => {
    execFile(command, ['-A', '-o', 'pid=', '-o', 'ppid='], { timeout: 5000, maxBuffer: 8 * 1024 * 1024 }, (error, stdout) => {
      if (error) {
        resolve({ ok: false, error: `cannot list processes with ${command}: ${(error as NodeJS.ErrnoException).code ?? error.message}` });
        return;
      }
      resolve({ ok: true, nodes: parsePsTable(stdout), exact: false });
    });
  });
}

/** Lines of "  PID  PPID"; anything else is skipped. */
export function parsePsTable(text: string): ProcessNode[] {
  const nodes: ProcessNode[] = [];
  for (const line of text.split('\n')) {
    const match = /^\s*(\d+)\s+(\d+)\s*$/.exec(line);
    if (match) nodes.push({ pid: Number(match[1]), ppid: Number(match[2]), startTime: 0, comm: '' });
  }
  return nodes;
}

/**
 * The descendants of `rootPid` (not the root itself), parents before children, so that
 * signalling in this order stops or ends a parent before it can replace a child. A PID is
 * visited once even if a snapshot taken while processes come and go forms a cycle.
 */
export function descendantsOf(rootPid: number, nodes: readonly ProcessNode[]): ProcessNode[] {
  const children = new Map<number, ProcessNode[]>();
  for (const node of nodes) {
    if (node.pid === node.ppid) continue;
    const list = children.get(node.ppid);
    if (list) list.push(node);
    else children.set(node.ppid, [node]);
  }
  const seen = new Set<number>([rootPid]);
  const out: ProcessNode[] = [];
  let frontier = [rootPid];
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const parent of frontier) {
      for (const child of children.get(parent) ?? []) {
        if (seen.has(child.pid)) continue;
        seen.add(child.pid);
        out.push(child);
        next.push(child.pid);
      }
    }
    frontier = next;
  }
  return out;
}
