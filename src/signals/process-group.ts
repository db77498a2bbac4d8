// Sending a signal to a whole process group, as the terminal's Ctrl-C does: the one kill(-pgid)
// in pooltop, and every check before it.
import { readAncestorChain } from '../platform/ancestor-chain.js';
import { readPidMax } from '../platform/pid-max.js';
import { readPidTable, type ProcessNode } from '../platform/pid-table.js';
import { readProcessStat } from '../platform/process-stat.js';
import { processLabel } from './process-label.js';
import { classifyKillError } from './send-signal.js';
import type { SignalOutcome } from './signal-outcome.js';
import { lookupSignal, signalLabel, type SignalInfo, type SignalSpec } from './signal-table.js';
import { validateTarget } from './validate-target.js';

/** A member of a group as the confirmation listed it: the one compared again before sending. */
export interface GroupMember {
  pid: number;
  /** As ProcessInfo.startTime from /proc (exact). */
  startTime: number;
  comm: string;
}

export type GroupCheck =
  | { ok: true; pgid: number; members: GroupMember[] }
  | { ok: false; status: 'invalid' | 'protected' | 'gone' | 'reused' | 'failed'; reason: string };

/** Where the group's members are listed from; tests inject one. */
type GroupLister = () => readonly ProcessNode[] | { error: string };

export interface GroupOptions {
  listProcesses?: GroupLister;
}

const pgrpOf = (pid: number): number | null => {
  const stat = readProcessStat(pid);
  return typeof stat === 'object' ? stat.pgrp : null;
};

/**
 * Whether `pgid` may be signalled as a group now, and its members (from one pass over /proc).
 * Refused: anything but an integer from 2 to pid_max − 1 (kill(2) reads 0 as "my own group",
 * −1 as "everyone", 1 would be init's); pooltop's own group, its parent's, and the group of any
 * of its ancestors or of its session's leader (Ctrl-C there would end pooltop or the shell
 * around it); a group with no member; a group with a member a single send would refuse (pooltop,
 * one of its threads). With `expected` (the members a confirmation listed), a group that has
 * gained a member since, or whose member's PID now names a process started at another time, is
 * refused too: what is sent is what the user saw. Members that have exited since are fine.
 */
export function checkGroup(input: unknown, signal: SignalInfo, expected?: readonly GroupMember[], options: GroupOptions = {}): GroupCheck {
  if (typeof input !== 'number' || !Number.isSafeInteger(input))
    return { ok: false, status: 'invalid', reason: `not a process group: ${String(input).slice(0, 24)}` };
  const pgid = input;
  if (pgid < 2) return { ok: false, status: 'invalid', reason: `${pgid} is not a group pooltop signals (0 is its own, below names everyone, 1 is init's)` };
  if (pgid >= readPidMax()) return { ok: false, status: 'invalid', reason: `${pgid} is above the system's largest PID` };
  const own = pgrpOf(process.pid);
  if (own === null) return { ok: false, status: 'failed', reason: "cannot read pooltop's own process group from /proc" };
  if (pgid === own) return { ok: false, status: 'protected', reason: `group ${pgid} is pooltop's own` };
  const { ancestors, sessionLeader } = readAncestorChain();
  if (ancestors.length > 0 && pgrpOf(ancestors[0]!) === pgid) return { ok: false, status: 'protected', reason: `group ${pgid} is pooltop's parent's` };
  for (const pid of sessionLeader === null ? ancestors : [...ancestors, sessionLeader]) {
    if (pgrpOf(pid) === pgid)
      return {
        ok: false,
        status: 'protected',
        reason: `group ${pgid} holds ${pid}, ${pid === sessionLeader ? "pooltop's session leader" : 'an ancestor of pooltop'}`,
      };
  }
  const table = (options.listProcesses ?? readPidTable)();
  if (!Array.isArray(table)) return { ok: false, status: 'failed', reason: (table as { error: string }).error };
  const members = table.filter((node) => node.pgrp === pgid).map(({ pid, startTime, comm }) => ({ pid, startTime, comm }));
  if (members.length === 0) return { ok: false, status: 'gone', reason: `group ${pgid} has no members left` };
  for (const member of members) {
    // The ancestors were checked through their groups; this catches pooltop, its threads, init.
    const valid = validateTarget(member.pid, signal);
    if (!valid.ok) return { ok: false, status: 'protected', reason: `group ${pgid} holds ${member.pid}: ${valid.reason}` };
  }
  if (expected !== undefined) {
    const seen = new Map(expected.map((m) => [m.pid, m.startTime]));
    const stranger = members.find((m) => seen.get(m.pid) !== m.startTime);
    if (stranger !== undefined) {
      const why = seen.has(stranger.pid) ? `PID ${stranger.pid} now names another process` : `${stranger.pid} joined it`;
      return { ok: false, status: 'reused', reason: `group ${pgid} changed since it was listed (${why}): ask again` };
    }
  }
  return { ok: true, pgid, members };
}

/** "1234 sh, 1235 sleep, 1236 sleep and 2 more": the confirmation's list, names cut and made safe. */
export function groupMembersText(members: readonly GroupMember[], shown = 4): string {
  const names = members.slice(0, shown).map((m) => processLabel(m.pid, m.comm, 16));
  const more = members.length - names.length;
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
}

/**
 * Sends `signal` to every member of group `pgid` at once, as Ctrl-C sends SIGINT to the
 * terminal's foreground group. Checked with checkGroup against `expected` (what the user
 * confirmed), then checked once more immediately before kill(2). Never throws.
 */
export function sendToGroup(pgid: number, spec: SignalSpec, expected: readonly GroupMember[], options: GroupOptions = {}): SignalOutcome {
  const signal = lookupSignal(spec);
  if (!signal) return { pid: null, signal: '?', status: 'invalid', text: 'refused: not a signal pooltop sends', identityCheck: 'unchecked' };
  const first = checkGroup(pgid, signal, expected, options);
  if (!first.ok) return refusal(pgid, signal, first);
  const result = deliverToGroup(pgid, signal, expected, options);
  const shown = signalLabel(signal);
  if ('status' in result && result.status !== 'sent') {
    if ('reason' in result) return refusal(pgid, signal, result);
    const { status, errno } = result;
    return {
      pid: pgid,
      signal: signal.name,
      status,
      text: `${status === 'gone' ? 'already gone' : status === 'not-permitted' ? 'not permitted' : 'failed'} (${errno}): ${shown} to group ${pgid}`,
      identityCheck: 'exact',
      errno,
    };
  }
  const count = (result as { members: GroupMember[] }).members.length;
  return {
    pid: pgid,
    signal: signal.name,
    status: 'sent',
    text: `sent ${shown} to process group ${pgid} (${count === 1 ? '1 process' : `${count} processes`}), as Ctrl-C would`,
    identityCheck: 'exact',
  };
}

/** Checks the group again immediately before the one kill(-pgid) in pooltop. */
function deliverToGroup(
  pgid: number,
  signal: SignalInfo,
  expected: readonly GroupMember[],
  options: GroupOptions,
): { status: 'sent'; members: GroupMember[] } | Extract<GroupCheck, { ok: false }> | { status: 'not-permitted' | 'gone' | 'failed'; errno: string } {
  const group = checkGroup(pgid, signal, expected, options);
  if (!group.ok) return group;
  try {
    process.kill(-group.pgid, signal.number);
    return { status: 'sent', members: group.members };
  } catch (error) {
    return classifyKillError(error);
  }
}

function refusal(pgid: number, signal: SignalInfo, check: Extract<GroupCheck, { ok: false }>): SignalOutcome {
  const lead = check.status === 'gone' ? 'already gone' : check.status === 'failed' ? 'failed' : 'refused';
  return {
    pid: Number.isSafeInteger(pgid) ? pgid : null,
    signal: signal.name,
    status: check.status,
    text: `${lead}: ${check.reason}`,
    identityCheck: 'unchecked',
  };
}
