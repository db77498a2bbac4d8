// What the signal keys do: pick the targets (tagged rows, else the selected one, never the
// selected one in place of tags that are gone), ask when the policy says so, send through
// src/signals, report.
import { descendants } from '../model/ancestry.js';
import { confirmationPrompt, needsConfirmation, subtreePrompt } from '../signals/confirm-policy.js';
import { killTree } from '../signals/kill-tree.js';
import { sendSignals } from '../signals/send-signal.js';
import type { SignalOutcome, SignalTarget } from '../signals/signal-outcome.js';
import { lookupSignal, SIGNALS, type SignalInfo } from '../signals/signal-table.js';
import { summarize } from '../signals/summarize-outcomes.js';
import type { AppState, AppStore } from './app-store.js';
import type { PendingTarget } from './modes-slice.js';
import { selectedRow } from './navigation-slice.js';

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

/** Tagged processes still there, else the selected one; none once every tagged process has exited. */
export function signalTargets(state: AppState): PendingTarget[] {
  if (state.tags.size > 0) {
    return state.rows.filter((r) => state.tags.get(r.pid) === r.startTime).map((r) => ({ pid: r.pid, startTime: r.startTime, command: r.command }));
  }
  if (state.tagsGone) return [];
  const row = selectedRow(state);
  return row ? [{ pid: row.pid, startTime: row.startTime, command: row.command }] : [];
}

/** Why signalTargets found none, for the message line. */
function noTargets(state: AppState): string {
  return state.tagsGone ? 'the tagged processes have all exited: nothing sent (U untags; then keys act on the selected row)' : 'no process selected';
}

/** `k` / F9: the menu for the targets, SIGTERM highlighted. */
export function openSignalMenu(store: AppStore): void {
  const targets = signalTargets(store.getState());
  if (targets.length === 0) {
    store.getState().notify(noTargets(store.getState()), 'warn');
    return;
  }
  const start = SIGNAL_MENU.findIndex((entry) => entry !== SUBTREE && entry.name === 'SIGTERM');
  store.getState().openSignal({ targets, digits: '', signal: null, prompt: '' }, 'signal');
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
    state.openSignal({ targets, digits: '', signal: choice === SUBTREE ? SUBTREE : effective.name, prompt }, 'confirm');
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
  void deliver(store, services, choice, request.targets);
}

/** `z` / `r`: SIGSTOP / SIGCONT to the selected or tagged processes; several that pooltop did not start are asked about. */
export function pauseOrResume(store: AppStore, services: ProcessServices, name: 'SIGSTOP' | 'SIGCONT'): void {
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
    outcomes = sendSignals(withPrecision, choice);
    text = summarize(outcomes);
  }
  for (const outcome of outcomes) {
    if (outcome.status === 'sent' && outcome.pid !== null) services.signalSent(outcome.pid, outcome.signal);
  }
  const failed = outcomes.some((o) => o.status !== 'sent');
  const allFailed = outcomes.every((o) => o.status !== 'sent');
  store.getState().notify(text, allFailed ? 'error' : failed ? 'warn' : 'info', 'signal');
  services.refreshSoon();
}
