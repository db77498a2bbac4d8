// What the renice (`]` F7, `[` F8), I/O priority (`i`) and affinity keys do: the same targets as
// a signal (tagged, else selected; or the details view's process), sent through src/signals'
// checks, each outcome reported as for signals.
import { availableParallelism } from 'node:os';
import { reniceAll, setAffinity, setIoPriority, type ChangeOutcome, type IoPriority } from '../signals/process-change.js';
import type { SignalTarget } from '../signals/signal-outcome.js';
import type { AppState, AppStore } from './app-store.js';
import type { PendingTarget } from './modes-slice.js';
import { signalTargets } from './signal-actions.js';

/** The processes a change applies to: the details view's, else the tagged, else the selected. */
export function changeTargets(state: AppState): PendingTarget[] {
  if (state.mode === 'details' && state.details) return [state.details.target];
  return signalTargets(state);
}

/** The entries of the I/O priority menu, as htop's: none, realtime 0–7, best-effort 0–7, idle. */
export const IO_PRIORITY_MENU: readonly IoPriority[] = [
  { ioClass: 'none' },
  ...Array.from({ length: 8 }, (_, level) => ({ ioClass: 'best-effort' as const, level })),
  { ioClass: 'idle' },
  ...Array.from({ length: 8 }, (_, level) => ({ ioClass: 'realtime' as const, level })),
];

/** `]` F7 (−1, higher priority) and `[` F8 (+1, lower priority). */
export function reniceTargets(store: AppStore, delta: -1 | 1, refreshSoon: () => void): void {
  const state = store.getState();
  if (state.refuseInReadonly(delta < 0 ? 'renice (higher priority)' : 'renice (lower priority)')) return;
  const targets = changeTargets(state);
  if (targets.length === 0) return state.notify('no process selected', 'warn');
  report(store, reniceAll(withPrecision(state, targets), delta), delta < 0 ? 'nice −1' : 'nice +1');
  refreshSoon();
}

/** Opens the I/O priority (`i`) or affinity (`a` in the details view) menu for the targets. */
export function openChangeMenu(store: AppStore, kind: 'ionice' | 'affinity'): void {
  const state = store.getState();
  if (state.refuseInReadonly(kind === 'ionice' ? 'setting the I/O priority' : 'setting the CPU affinity')) return;
  const targets = changeTargets(state);
  if (targets.length === 0) return state.notify('no process selected', 'warn');
  const cores = state.sample?.cpus.length ?? availableParallelism();
  // The affinity menu starts from what the process may use now (the details view read it).
  const allowed = state.mode === 'details' ? parseCpuList(state.details?.data?.cpusAllowed ?? '') : null;
  const cpus = Array.from({ length: cores }, (_, i) => allowed === null || allowed.has(i));
  state.openChange({ targets, origin: state.mode === 'details' ? 'details' : 'main', cpus }, kind);
}

/** Enter in the I/O priority menu. */
export function applyIoPriority(store: AppStore, priority: IoPriority, refreshSoon: () => void): void {
  const state = store.getState();
  const request = state.changeRequest;
  state.closeChange();
  if (!request) return;
  report(
    store,
    withPrecision(state, request.targets).map((t) => setIoPriority(t, priority)),
    'I/O priority',
  );
  refreshSoon();
}

/** Enter in the affinity menu: the ticked CPUs. */
export function applyAffinity(store: AppStore, refreshSoon: () => void): void {
  const state = store.getState();
  const request = state.changeRequest;
  if (!request) return state.closeChange();
  const cpus = request.cpus.flatMap((on, i) => (on ? [i] : []));
  if (cpus.length === 0) return state.notify('tick at least one CPU (Space), then Enter', 'warn');
  state.closeChange();
  report(
    store,
    withPrecision(state, request.targets).map((t) => setAffinity(t, cpus)),
    'affinity',
  );
  refreshSoon();
}

/** "0-2,5" → {0, 1, 2, 5}; null for text that is not such a list. */
function parseCpuList(list: string): Set<number> | null {
  if (!/^\d{1,4}(-\d{1,4})?(,\d{1,4}(-\d{1,4})?)*$/.test(list)) return null;
  const cpus = new Set<number>();
  for (const part of list.split(',')) {
    const [from, to = from] = part.split('-').map(Number);
    for (let cpu = from!; cpu <= to! && cpu - from! < 4096; cpu++) cpus.add(cpu);
  }
  return cpus;
}

function withPrecision(state: AppState, targets: readonly PendingTarget[]): SignalTarget[] {
  const exact = state.sample?.capabilities.startTimePrecisionMs === 0;
  return targets.map((t) => ({ ...t, exactStartTime: exact }));
}

function report(store: AppStore, outcomes: readonly ChangeOutcome[], what: string): void {
  const sent = outcomes.filter((o) => o.status === 'sent').length;
  const text =
    outcomes.length === 1
      ? outcomes[0]!.text
      : `${what}: ${sent} of ${outcomes.length} changed${sent < outcomes.length ? `; ${outcomes.find((o) => o.status !== 'sent')!.text}` : ''}`;
  store.getState().notify(text, sent === 0 ? 'error' : sent < outcomes.length ? 'warn' : 'info', 'signal');
}
