// Sending a signal to a process and all its descendants, each one checked as a single send is.
//
// Why tree-kill (1.2.2, chosen at the start and since removed from package.json) is not used: read and
// probed with process.kill replaced by a recorder (nothing sent), it
// - parseInt()s its argument, so "1; rm -rf /" becomes 1 and it signals every process on the
//   machine, pooltop included; 0 and -1 reach process.kill(0) (our process group) and
//   process.kill(-1) (every process we may signal);
// - signals pooltop itself and its parent when the root is one of their ancestors (a shell,
//   tmux, sshd): it only ever excludes nothing;
// - lists children with one `ps --ppid` per process and signals them later, so a child that
//   exits meanwhile can have its PID reused by an unrelated process, which then gets the signal;
// - throws from an 'error' event pooltop cannot catch when `ps` is missing (crashing pooltop),
//   and stops at the first EPERM, leaving the rest of the tree unsignalled.
// Validating the root first fixes only the first point. So the tree is listed here from one
// /proc snapshot (ps -A where there is no /proc), refused whole if pooltop or its lifeline (its
// ancestors, its session's leader) is in it, and each member is sent through sendSignal:
// validated, its start time from the snapshot checked again immediately before its own kill(2),
// errors reported per PID.
import { descendantsOf, listProcesses, type ProcessLister } from './list-descendants.js';
import type { SignalOutcome, SignalTarget } from './signal-outcome.js';
import { signalLabel, type SignalSpec } from './signal-table.js';
import { precheck, type SendOptions, sendSignal } from './send-signal.js';
import { countOutcomes } from './summarize-outcomes.js';
import { validateTarget } from './validate-target.js';

export interface TreeOutcome extends SignalOutcome {
  /** One outcome per descendant, parents before children; empty when nothing was sent. */
  members: SignalOutcome[];
}

export interface KillTreeOptions extends SendOptions {
  /** Where the PID/PPID table comes from; tests inject one. */
  listProcesses?: ProcessLister;
}

/**
 * Sends `signal` to the root, then to its descendants top-down (so a stopped or dead parent
 * cannot replace the children still to come). The outcome's status is the root's.
 * Limits: a child forked after the snapshot is not signalled; members listed by ps have no
 * start time to check.
 */
export async function killTree(target: SignalTarget, signal: SignalSpec, options: KillTreeOptions = {}): Promise<TreeOutcome> {
  // Read the untrusted target once: the root checked and the root signalled must be the same.
  const fields: Partial<SignalTarget> = typeof target === 'object' && target !== null ? target : {};
  const root = { pid: fields.pid, startTime: fields.startTime, command: fields.command, exactStartTime: fields.exactStartTime } as SignalTarget;
  const checked = precheck(root, signal, options);
  if (!checked.ok) return { ...checked.outcome, members: [] };
  const { pid, label } = checked;
  const listing = await (options.listProcesses ?? listProcesses)();
  if (!listing.ok) {
    const text = `failed: nothing sent to ${label}: ${listing.error}`;
    return { pid, signal: checked.signal.name, status: 'failed', text, identityCheck: checked.identityCheck, members: [] };
  }
  const descendants = descendantsOf(pid, listing.nodes);
  const guarded = descendants.find((node) => {
    const valid = validateTarget(node.pid, checked.signal);
    return !valid.ok && valid.kind === 'protected';
  });
  if (guarded) {
    // Short of pooltop inside the tree (with its ancestors), the one protected descendant there
    // can be is the leader of pooltop's session.
    const inside = descendants.some((node) => node.pid === process.pid);
    const text = inside
      ? `refused: pooltop runs inside the subtree of ${label}`
      : `refused: the subtree of ${label} holds the leader of pooltop's session (${guarded.pid})`;
    return { pid, signal: checked.signal.name, status: 'protected', text, identityCheck: checked.identityCheck, members: [] };
  }
  const rootOutcome = sendSignal(root, checked.signal, options);
  // A root that is gone or not ours may still leave descendants that are; anything else means
  // the PID no longer names what the user chose, so its old children are not touched either.
  if (rootOutcome.status !== 'sent' && rootOutcome.status !== 'gone' && rootOutcome.status !== 'not-permitted') {
    return { ...rootOutcome, members: [] };
  }
  const members = descendants.map((node) =>
    sendSignal({ pid: node.pid, startTime: node.startTime, command: node.comm, exactStartTime: listing.exact }, checked.signal, options),
  );
  return { ...rootOutcome, text: treeText(rootOutcome, members, signalLabel(checked.signal), label), members };
}

function treeText(rootOutcome: SignalOutcome, members: readonly SignalOutcome[], shown: string, label: string): string {
  if (members.length === 0) return `${rootOutcome.text} (no descendants)`;
  const allSent = members.every((member) => member.status === 'sent');
  if (rootOutcome.status === 'sent' && allSent) {
    const them = members.length === 1 ? 'its descendant' : `its ${members.length} descendants`;
    return `sent ${shown} to ${label} and ${them}`;
  }
  return `${rootOutcome.text}; descendants: ${countOutcomes(members)}`;
}
