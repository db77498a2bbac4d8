// What the signal keys do: pick the targets (tagged rows, else the selected one, never the
// selected one in place of tags that are gone), ask when the policy says so, send through
// src/signals, report.
import { descendants } from '../model/ancestry.js';
import { readDispositions } from '../signals/signal-dispositions.js';
import { confirmationPrompt, needsConfirmation, subtreePrompt } from '../signals/confirm-policy.js';
import { killTree } from '../signals/kill-tree.js';
import { checkGroup, groupMembersText, sendToGroup } from '../signals/process-group.js';
import { sendSignals } from '../signals/send-signal.js';
import type { SignalOutcome, SignalTarget } from '../signals/signal-outcome.js';
import { lookupSignal, signalLabel, SIGNALS, type SignalInfo } from '../signals/signal-table.js';
import { summarize } from '../signals/summarize-outcomes.js';
import type { AppState, AppStore } from './app-store.js';
import type { PendingTarget, SignalGroup } from './modes-slice.js';
import { selectedRow } from './navigation-slice.js';
import type { ProcessRow } from '../model/process-row.js';

/** What the signal actions need from the rest of pooltop. */
export interface ProcessServices {
  /** Processes pooltop started itself (pool workers): no confirmation asked for them. */
  startedByPooltop(pid: number): boolean;
  /** Told after a signal reached a process (the pool notes SIGSTOP/SIGCONT of its workers). */
  signalSent(pid: number, signal: string): void;
  /** Takes a sample soon, so the effect (state T, a row gone) shows without waiting a full interval. */
  refreshSoon(): void;
}

/** The menu's extra entry after the signals: SIGKILL to the selected process and its descendants. */
export const SUBTREE = 'subtree';

/** The entries of the signal menu, in order: the table's signals, then the subtree kill. */
export const SIGNAL_MENU: readonly (SignalInfo | typeof SUBTREE)[] = [...SIGNALS, SUBTREE];

/**
 * Tagged processes still there, else the selected one; none once every tagged process has exited.
 * A tagged thread whose process is tagged too is left out: kill(2) to a thread reaches its whole
 * process, which is signalled already.
 */
export function signalTargets(state: AppState): PendingTarget[] {
  if (state.tags.size > 0) {
    const tagged = state.rows.filter((r) => state.tags.get(r.pid) === r.startTime);
    const pids = new Set(tagged.map((r) => r.pid));
    return tagged.filter((r) => r.threadOf === undefined || !pids.has(r.threadOf)).map(targetOf);
  }
  if (state.tagsGone) return [];
  const row = selectedRow(state);
  return row ? [targetOf(row)] : [];
}

function targetOf(row: ProcessRow): PendingTarget {
  const target: PendingTarget = { pid: row.pid, startTime: row.startTime, command: row.command };
  if (row.threadOf !== undefined) target.threadOf = row.threadOf;
  return target;
}

/** The process a target's signal reaches: itself, or the process of a thread. */
function ownerOf(pid: number, targets: readonly PendingTarget[]): number {
  return targets.find((t) => t.pid === pid)?.threadOf ?? pid;
}

/** A signal sent to a thread's TID, said as what it was: one to the thread's whole process. */
function threadNote(outcome: SignalOutcome, targets: readonly PendingTarget[]): SignalOutcome {
  if (outcome.pid === null || outcome.status !== 'sent') return outcome;
  const owner = ownerOf(outcome.pid, targets);
  if (owner === outcome.pid) return outcome;
  // Said before the command, which the message line may cut:
  // "sent SIGSTOP (19) to thread 442 of PID 388, so to its whole process: python3 …".
  const label = ` to ${outcome.pid} `;
  const at = outcome.text.indexOf(label);
  const note = ` to thread ${outcome.pid} of PID ${owner}, so to its whole process: `;
  return { ...outcome, text: at < 0 ? `${outcome.text} (${note.trim()})` : outcome.text.slice(0, at) + note + outcome.text.slice(at + label.length) };
}

/** Why signalTargets found none, for the message line. */
function noTargets(state: AppState): string {
  return state.tagsGone ? 'the tagged processes have all exited: nothing sent (U untags; then keys act on the selected row)' : 'no process selected';
}

/** `k` / F9: the menu for the targets, SIGTERM highlighted. */
export function openSignalMenu(store: AppStore): void {
  const state = store.getState();
  if (state.refuseInReadonly('sending signals')) return;
  const fromDetails = state.mode === 'details' && state.details !== null;
  const targets = fromDetails ? [state.details!.target] : signalTargets(state);
  if (targets.length === 0) {
    state.notify(noTargets(state), 'warn');
    return;
  }
  const start = SIGNAL_MENU.findIndex((entry) => entry !== SUBTREE && entry.name === 'SIGTERM');
  // One process: beside each signal, whether it catches, ignores or blocks it (/proc/PID/status).
  const read = targets.length === 1 ? readDispositions(targets[0]!.pid) : null;
  const dispositions = read ? { dispositions: read } : {};
  state.openSignal({ targets, digits: '', signal: null, prompt: '', origin: fromDetails ? 'details' : 'main', ...dispositions }, 'signal');
  store.getState().setMenuIndex(Math.max(0, start));
}

/**
 * Sends `choice` to the targets fixed when the menu opened (or to the current targets for `z`
 * and `r`), first asking with `y` when the policy says so.
 */
export function requestSignal(store: AppStore, services: ProcessServices, choice: SignalInfo | typeof SUBTREE, given?: readonly PendingTarget[]): void {
  const state = store.getState();
  const targets = given ?? state.signalRequest?.targets ?? signalTargets(state);
  if (targets.length === 0) {
    state.setMode('main');
    state.notify(noTargets(state), 'warn');
    return;
  }
  const kill = lookupSignal('SIGKILL');
  const effective = choice === SUBTREE ? kill : choice;
  if (!effective) return;
  const group = given === undefined ? state.signalRequest?.group : null;
  if (group && choice !== SUBTREE) {
    // A group is always asked about, with its members: it may hold processes the table does not show.
    const count = group.members.length === 1 ? '1 process' : `${group.members.length} processes`;
    const prompt = `Send ${signalLabel(effective)} to process group ${group.pgid} (${count}: ${groupMembersText(group.members)}), as Ctrl-C would? — y to send, any other key cancels`;
    state.openSignal({ targets, digits: '', signal: effective.name, prompt, group }, 'confirm');
    return;
  }
  if (choice === SUBTREE && targets.length !== 1) {
    state.setMode('main');
    state.notify('kill subtree works on one process: untag (U) and select it', 'warn');
    return;
  }
  const root = targets[0]!;
  // A subtree is asked about as a whole: its root and every descendant the rows show now.
  const reached = choice === SUBTREE ? [root, ...descendants(state.rows, root.pid).map((pid) => ({ pid }))] : targets;
  if (needsConfirmation(effective, reached, (pid) => services.startedByPooltop(pid))) {
    const prompt = choice === SUBTREE ? subtreePrompt(effective, root, reached.length) : confirmationPrompt(effective, targets);
    const origin = state.signalRequest?.origin ?? (state.mode === 'details' ? 'details' : 'main');
    state.openSignal({ targets, digits: '', signal: choice === SUBTREE ? SUBTREE : effective.name, prompt, origin }, 'confirm');
    return;
  }
  void deliver(store, services, choice, targets);
}

/** `y` in the confirmation sends; anything else cancels. */
export function answerConfirmation(store: AppStore, services: ProcessServices, yes: boolean): void {
  const request = store.getState().signalRequest;
  if (!request || request.signal === null) {
    store.getState().setMode('main');
    return;
  }
  if (!yes) {
    store.getState().setMode('main');
    store.getState().notify('cancelled: no signal sent', 'info');
    return;
  }
  const choice = request.signal === SUBTREE ? SUBTREE : lookupSignal(request.signal);
  if (!choice) return;
  if (request.group && choice !== SUBTREE) deliverToGroup(store, services, choice, request.group);
  else void deliver(store, services, choice, request.targets);
}

/**
 * `g` in the signal menu: from now on the signal goes to the selected process's whole process
 * group (kill(-pgid), as the terminal's Ctrl-C), or back to the process alone. The group is
 * listed from /proc now, and refused at once when pooltop may not signal it.
 */
export function toggleGroupSend(store: AppStore): void {
  const state = store.getState();
  const request = state.signalRequest;
  if (!request) return;
  if (request.group) {
    state.openSignal({ ...request, group: null }, 'signal');
    return;
  }
  const target = request.targets[0];
  if (request.targets.length !== 1 || target === undefined) {
    state.notify('a process group is sent to from one process: untag (U) and select it', 'warn');
    return;
  }
  const pgid = state.rows.find((r) => r.pid === target.pid && r.startTime === target.startTime)?.pgrp;
  if (pgid === undefined) {
    state.notify(`no process group known for PID ${target.pid} (this source does not tell groups)`, 'warn');
    return;
  }
  const check = checkGroup(pgid, lookupSignal('SIGINT')!);
  if (!check.ok) {
    state.notify(`process group ${pgid}: ${check.reason}`, 'warn');
    return;
  }
  state.openSignal({ ...request, group: { pgid, members: check.members } }, 'signal');
}

function deliverToGroup(store: AppStore, services: ProcessServices, signal: SignalInfo, group: SignalGroup): void {
  store.getState().setMode('main');
  const outcome = sendToGroup(group.pgid, signal, group.members);
  if (outcome.status === 'sent') for (const member of group.members) services.signalSent(member.pid, outcome.signal);
  store.getState().notify(outcome.text, outcome.status === 'sent' ? 'info' : 'error', 'signal');
  services.refreshSoon();
}

/** `z` / `r`: SIGSTOP / SIGCONT to the selected or tagged processes; several that pooltop did not start are asked about. */
export function pauseOrResume(store: AppStore, services: ProcessServices, name: 'SIGSTOP' | 'SIGCONT'): void {
  if (store.getState().refuseInReadonly(name === 'SIGSTOP' ? 'pausing (SIGSTOP)' : 'resuming (SIGCONT)')) return;
  const signal = lookupSignal(name);
  if (signal) requestSignal(store, services, signal, signalTargets(store.getState()));
}

async function deliver(store: AppStore, services: ProcessServices, choice: SignalInfo | typeof SUBTREE, targets: readonly PendingTarget[]): Promise<void> {
  const state = store.getState();
  state.setMode('main');
  const exact = state.sample?.capabilities.startTimePrecisionMs === 0;
  const withPrecision: SignalTarget[] = targets.map((t) => ({ ...t, exactStartTime: exact }));
  let outcomes: SignalOutcome[];
  let text: string;
  if (choice === SUBTREE) {
    // The tree's own text names the root and counts its descendants ("… and its 2 descendants").
    const { members, ...rootOutcome } = await killTree(withPrecision[0]!, 'SIGKILL');
    outcomes = [rootOutcome, ...members];
    text = rootOutcome.text;
  } else {
    outcomes = sendSignals(withPrecision, choice).map((outcome) => threadNote(outcome, targets));
    text = summarize(outcomes);
  }
  for (const outcome of outcomes) {
    // A worker stopped through one of its threads is stopped all the same: the pool hears of its PID.
    if (outcome.status === 'sent' && outcome.pid !== null) services.signalSent(ownerOf(outcome.pid, targets), outcome.signal);
  }
  const failed = outcomes.some((o) => o.status !== 'sent');
  const allFailed = outcomes.every((o) => o.status !== 'sent');
  store.getState().notify(text, allFailed ? 'error' : failed ? 'warn' : 'info', 'signal');
  services.refreshSoon();
}
