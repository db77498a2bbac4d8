// Whether an untrusted value may be handed to process.kill as a PID: the last gate before a signal.
import { readAncestorChain } from '../platform/ancestor-chain.js';
import { readPidMax } from '../platform/pid-max.js';
import { isThreadOf } from '../platform/process-threads.js';
import { shortText } from '../model/short-text.js';
import type { DefaultAction, SignalInfo } from './signal-table.js';

export type TargetCheck =
  | { ok: true; pid: number }
  | {
      ok: false;
      /** 'invalid': not a PID at all; 'protected': a real PID pooltop must never signal. */
      kind: 'invalid' | 'protected';
      /** The PID when the input was a number, else null. */
      pid: number | null;
      /** For the user, after "refused: ". */
      reason: string;
    };

// Digits only: no sign, no spaces, no "0x", no exponent; Number(" 12") and Number("1e3") would pass.
// Ten digits is more than any PID and keeps absurd inputs from being converted at all.
const PID_TEXT = /^\d{1,10}$/;

/**
 * What pooltop's own lifeline may receive: the processes it runs under (its parent, theirs, … up
 * to PID 1: a shell, tmux's server, sshd) and the leader of its session, which owns its terminal.
 * Only a signal whose default action neither stops nor ends a process: SIGCONT resumes; SIGWINCH
 * is ignored unless handled. Anything else could freeze or close the terminal pooltop runs in.
 */
const LIFELINE_SAFE: ReadonlySet<DefaultAction> = new Set<DefaultAction>(['continue', 'ignore']);

/**
 * Accepts an integer PID from 2 to pid_max − 1 that is not pooltop or one of its threads, and,
 * unless `signal` is one that cannot stop or end a process, not one of pooltop's ancestors (its
 * parent, theirs, … up to PID 1), its session's leader, nor a thread of one of them. Without
 * `signal` the check is the strictest. 0 and negative PIDs are refused because kill(2) reads them
 * as "my process group" and "every process I may signal"; PID 1 because ending init ends the
 * machine (or the container).
 */
export function validateTarget(input: unknown, signal?: SignalInfo): TargetCheck {
  let pid: number;
  if (typeof input === 'number') {
    pid = input;
  } else if (typeof input === 'string' && PID_TEXT.test(input)) {
    pid = Number(input);
  } else {
    return { ok: false, kind: 'invalid', pid: null, reason: `not a PID: ${describeInput(input)}` };
  }
  const shownPid = Number.isFinite(pid) ? pid : null;
  if (!Number.isSafeInteger(pid)) {
    return { ok: false, kind: 'invalid', pid: shownPid, reason: `not a PID: ${describeInput(input)}` };
  }
  if (pid < 1) {
    return { ok: false, kind: 'invalid', pid, reason: `${pid} is not a PID (0 and below name process groups)` };
  }
  if (pid === 1) return { ok: false, kind: 'protected', pid, reason: '1 is init' };
  const largest = readPidMax() - 1;
  if (pid > largest) {
    return { ok: false, kind: 'invalid', pid, reason: `${pid} is above the system's largest PID (${largest})` };
  }
  if (pid === process.pid) return { ok: false, kind: 'protected', pid, reason: `${pid} is pooltop itself` };
  // kill(2) given a thread's ID signals the whole process it belongs to.
  if (isThreadOf('self', pid)) return { ok: false, kind: 'protected', pid, reason: `${pid} is a thread of pooltop` };
  if (signal && LIFELINE_SAFE.has(signal.defaultAction)) return { ok: true, pid };
  const refuse = (reason: string): TargetCheck => ({ ok: false, kind: 'protected', pid, reason });
  // Read at each call: an ancestor that exits leaves the chain, and pooltop is re-parented.
  const { ancestors, sessionLeader } = readAncestorChain();
  const parent = ancestors[0];
  if (pid === parent) return refuse(`${pid} is pooltop's parent`);
  if (ancestors.includes(pid)) return refuse(`${pid} is an ancestor of pooltop`);
  if (pid === sessionLeader) return refuse(`${pid} leads the session of pooltop's terminal`);
  for (const owner of sessionLeader === null ? ancestors : [...ancestors, sessionLeader]) {
    if (!isThreadOf(owner, pid)) continue;
    if (owner === parent) return refuse(`${pid} is a thread of pooltop's parent`);
    return refuse(owner === sessionLeader ? `${pid} is a thread of pooltop's session leader` : `${pid} is a thread of pooltop's ancestor ${owner}`);
  }
  return { ok: true, pid };
}

/** The rejected input as the user may see it: quoted, sanitized, short. */
function describeInput(input: unknown): string {
  if (typeof input === 'string') return input === '' ? 'empty text' : `"${shortText(input, 24)}"`;
  if (typeof input === 'number' || typeof input === 'bigint' || typeof input === 'boolean') return String(input);
  if (input === null || input === undefined) return String(input);
  if (Array.isArray(input)) return 'a list';
  return typeof input === 'object' ? 'an object' : `a ${typeof input}`;
}
