// The details view (Enter): which process it is about, what was last read of it, and the rates
// computed between two reads (each thread's CPU%, I/O bytes per second). A process that exits
// keeps its last values, marked exited.
import type { ProcessDetails } from '../platform/process-details.js';
import { describeDispositions, type SignalDisposition } from '../signals/signal-dispositions.js';
import type { SliceCreator } from './app-store.js';
import type { PendingTarget } from './modes-slice.js';
import { selectedRow } from './navigation-slice.js';

interface DetailsRead {
  data: ProcessDetails | null;
  /** The names of its real and effective users. */
  users?: { real: string; effective: string };
  /** performance.now() of the read. */
  at: number;
}

export interface DetailsState {
  target: PendingTarget;
  /** What was last read; null until the first read. */
  data: ProcessDetails | null;
  ioPriority: string | null;
  users: { real: string; effective: string } | null;
  /** What it does with each signal, from the masks read last. */
  dispositions: readonly SignalDisposition[] | null;
  /** The process has gone since the view opened (or its PID names another process now). */
  exited: boolean;
  /** TID → CPU% over the last interval. */
  threadCpu: ReadonlyMap<number, number>;
  /** Bytes per second read and written over the last interval. */
  ioRate: { read: number; write: number } | null;
  readAt: number;
  /** The first line shown: the view keeps it while a menu opened from it is open. */
  scroll: number;
}

/** The open I/O priority or affinity menu: whom it changes, and the CPUs ticked in the affinity menu. */
interface ChangeRequest {
  targets: readonly PendingTarget[];
  /** Where Esc or Enter goes back to. */
  origin: 'main' | 'details';
  cpus: readonly boolean[];
}

export interface DetailsSlice {
  details: DetailsState | null;
  changeRequest: ChangeRequest | null;
  openChange(request: ChangeRequest, mode: 'ionice' | 'affinity'): void;
  /** Back to where the menu was opened. */
  closeChange(): void;
  /** Space in the affinity menu. */
  toggleCpu(cpu: number): void;
  /** Esc in the details view. */
  closeDetails(): void;
  scrollDetails(line: number): void;
  /** ionice's answer, which comes after the read. */
  setDetailsIoPriority(ioPriority: string | null): void;
  /** Enter: the details of the selected process. */
  openDetails(): void;
  /** A new read of the open view's process (null: it is gone). */
  updateDetails(read: DetailsRead): void;
}

export const createDetailsSlice: SliceCreator<DetailsSlice> = (set, get) => ({
  details: null,
  changeRequest: null,

  openChange(request, mode) {
    set({ mode, changeRequest: request, menuIndex: 0 });
  },
  closeChange() {
    const origin = get().changeRequest?.origin ?? 'main';
    set({ mode: origin === 'details' && get().details ? 'details' : 'main', changeRequest: null, menuIndex: 0 });
  },
  toggleCpu(cpu) {
    const request = get().changeRequest;
    if (!request || cpu < 0 || cpu >= request.cpus.length) return;
    set({ changeRequest: { ...request, cpus: request.cpus.map((on, i) => (i === cpu ? !on : on)) } });
  },
  closeDetails() {
    set({ mode: 'main', details: null, menuIndex: 0 });
  },
  setDetailsIoPriority(ioPriority) {
    const details = get().details;
    if (details) set({ details: { ...details, ioPriority } });
  },
  scrollDetails(line) {
    const details = get().details;
    if (details) set({ details: { ...details, scroll: Math.max(0, Math.floor(line)) } });
  },

  openDetails() {
    const row = selectedRow(get());
    if (!row) {
      get().notify('no process selected', 'warn');
      return;
    }
    const target = { pid: row.pid, startTime: row.startTime, command: row.command };
    set({
      mode: 'details',
      menuIndex: 0,
      focusPid: row.pid,
      details: {
        target,
        data: null,
        ioPriority: null,
        users: null,
        dispositions: null,
        exited: false,
        threadCpu: new Map(),
        ioRate: null,
        readAt: 0,
        scroll: 0,
      },
    });
  },

  updateDetails(read) {
    const before = get().details;
    if (!before) return;
    if (read.data === null) {
      set({ details: { ...before, exited: true } });
      return;
    }
    const data = read.data;
    // The PID now names another process: keep the last values of the one the view was about.
    if (before.target.startTime > 0 && Math.abs(data.startTime - before.target.startTime) > 1000) {
      set({ details: { ...before, exited: true } });
      return;
    }
    const seconds = before.data && read.at > before.readAt ? (read.at - before.readAt) / 1000 : 0;
    const rates = before.data && seconds > 0 ? detailsRates(before.data, data, seconds) : null;
    const threadCpu = rates ? rates.threadCpu : before.threadCpu;
    const ioRate = rates?.ioRate ?? before.ioRate;
    set({
      details: {
        ...before,
        data,
        users: read.users ?? before.users,
        dispositions: data.signals ? describeDispositions(data.signals) : null,
        exited: false,
        threadCpu,
        ioRate,
        readAt: read.at,
      },
    });
  },
});

/** Each thread's CPU% and the I/O bytes per second between two reads `seconds` apart. */
export function detailsRates(before: ProcessDetails, after: ProcessDetails, seconds: number): Pick<DetailsState, 'threadCpu' | 'ioRate'> {
  const previous = new Map(before.threads.map((t) => [t.tid, t.cpuTime]));
  const threadCpu = new Map<number, number>();
  for (const thread of after.threads) {
    const was = previous.get(thread.tid);
    if (was !== undefined) threadCpu.set(thread.tid, Math.max(0, ((thread.cpuTime - was) / seconds) * 100));
  }
  const ioRate =
    before.io && after.io
      ? { read: Math.max(0, (after.io.readBytes - before.io.readBytes) / seconds), write: Math.max(0, (after.io.writeBytes - before.io.writeBytes) / seconds) }
      : null;
  return { threadCpu, ioRate };
}
