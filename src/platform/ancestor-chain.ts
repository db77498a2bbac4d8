// A process's ancestor chain, read from /proc when asked: its parent, theirs, … up to PID 1, and
// the leader of its session.
import { readProcessStat } from './process-stat.js';
import { HAS_PROCFS } from './procfs.js';

interface AncestorChain {
  /** Parent first, then its parent, up to but not including PID 1. */
  ancestors: number[];
  /** The session's leader (the session ID), or null when there is none or it cannot be read. */
  sessionLeader: number | null;
}

/** Longer than any real chain; stops a walk that meets a cycle read while processes come and go. */
const MAX_DEPTH = 1024;

/**
 * The chain of `pid` (pooltop itself unless asked about another process), read afresh at each
 * call: an ancestor that exits leaves the chain, and its children are re-parented. An ancestor
 * whose /proc entry cannot be read ends the chain there (hidepid: it is another user's). Without
 * /proc only pooltop's own parent is known.
 */
export function readAncestorChain(pid = process.pid): AncestorChain {
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
  const stat = readProcessStat(pid);
  return typeof stat === 'object' ? stat : null;
}
