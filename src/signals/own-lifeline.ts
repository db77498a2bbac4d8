// pooltop's lifeline, read from /proc when asked: the processes it runs under (its parent, theirs,
// … up to PID 1: a shell, tmux's server, sshd) and the leader of its session, which owns its
// terminal. Stopping or ending one of them freezes or closes the terminal pooltop is drawn on.
import { existsSync } from 'node:fs';
import { parseProcStat } from '../sampling/parse-proc.js';
import { readProcFile } from '../sampling/read-proc-file.js';

export interface Lifeline {
  /** Parent first, then its parent, up to but not including PID 1. */
  ancestors: number[];
  /** The session's leader (the session ID), or null when there is none or it cannot be read. */
  sessionLeader: number | null;
}

/** Longer than any real chain; stops a walk that meets a cycle read while processes come and go. */
const MAX_DEPTH = 1024;

const HAS_PROCFS = process.platform === 'linux' && existsSync('/proc/self/stat');

/**
 * The lifeline of `pid` (pooltop itself unless a test asks about another process). Read afresh at
 * each call: an ancestor that exits leaves the chain, and pooltop is re-parented. An ancestor
 * whose /proc entry cannot be read ends the chain there (hidepid: it is another user's, and
 * kill(2) would be refused anyway). Without /proc only pooltop's parent is known.
 */
export function readLifeline(pid = process.pid): Lifeline {
  const self = pid === process.pid;
  if (!HAS_PROCFS) return { ancestors: self && process.ppid > 1 ? [process.ppid] : [], sessionLeader: null };
  const own = readStat(pid);
  const ancestors: number[] = [];
  const seen = new Set([pid]);
  let parent = self ? process.ppid : (own?.ppid ?? 0);
  while (parent > 1 && !seen.has(parent) && ancestors.length < MAX_DEPTH) {
    ancestors.push(parent);
    seen.add(parent);
    parent = readStat(parent)?.ppid ?? 0;
  }
  const session = own?.session ?? 0;
  return { ancestors, sessionLeader: session > 1 ? session : null };
}

function readStat(pid: number) {
  const text = readProcFile(`/proc/${pid}/stat`);
  return typeof text === 'string' ? parseProcStat(text) : null;
}
