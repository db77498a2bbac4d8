// Who has the keyboard: the main screen, a prompt, a menu or an overlay, with the menu's highlighted
// entry and what an open menu is about (the signal menu's targets, the ancestry panel's process).
import type { SignalDisposition } from '../signals/signal-dispositions.js';
import type { GroupMember } from '../signals/process-group.js';
import type { SliceCreator } from './app-store.js';

/** Which screen or prompt has the keyboard. */
export type Mode =
  | 'main'
  | 'help'
  | 'search'
  | 'filter'
  | 'user'
  | 'sort'
  | 'ancestry'
  | 'signal'
  | 'confirm'
  | 'pool'
  | 'details'
  | 'ionice'
  | 'affinity'
  | 'strace'
  | 'setup'
  | 'goto'
  | 'events'
  | 'jobline'
  | 'jobs';

/** A process a signal will go to, fixed when the menu opened (with the start time the row showed). */
export interface PendingTarget {
  pid: number;
  startTime: number;
  command: string;
  /** A thread's row (its TID in `pid`): the process it belongs to, which the signal reaches as a whole. */
  threadOf?: number;
}

/** A process group the signal menu sends to (`g`), its members as /proc listed them then. */
export interface SignalGroup {
  pgid: number;
  members: readonly GroupMember[];
}

/** What the signal menu and its confirmation are about. */
interface SignalRequest {
  targets: readonly PendingTarget[];
  /** Digits typed in the menu, to jump to a signal by number ("1", "15"). */
  digits: string;
  /** Set when a confirmation is asked: the signal's name, or 'subtree' for kill-the-subtree. */
  signal: string | null;
  /** The question shown while confirming. */
  prompt: string;
  /** Opened from the details view: closing it goes back there. */
  origin?: 'main' | 'details';
  /** For one target: what it does with each signal, shown beside it. */
  dispositions?: readonly SignalDisposition[];
  /** `g` in the menu: send to the target's whole process group, these members as listed then. */
  group?: SignalGroup | null;
}

export interface ModesSlice {
  mode: Mode;
  /** The highlighted entry of whichever menu is open (or the scroll of an overlay). */
  menuIndex: number;
  /** The process an overlay is about (the ancestry panel), fixed when it opened. */
  focusPid: number | null;
  /** The open signal menu or confirmation. */
  signalRequest: SignalRequest | null;
  setMode(mode: Mode, menuIndex?: number): void;
  setMenuIndex(index: number): void;
  /** `a`: the chain of parents of the selected process. */
  openAncestry(): void;
  /** Opens the signal menu (or the confirmation when `signal` is given) for these targets. */
  openSignal(request: SignalRequest, mode: 'signal' | 'confirm'): void;
}

export const createModesSlice: SliceCreator<ModesSlice> = (set, get) => ({
  mode: 'main',
  menuIndex: 0,
  focusPid: null,
  signalRequest: null,

  setMode(mode, menuIndex = 0) {
    // Leaving the signal menu or its question drops what it was about.
    const before = get().signalRequest;
    const signalRequest = mode === 'signal' || mode === 'confirm' ? before : null;
    // A signal menu opened from the details view goes back to it.
    const back = mode === 'main' && before?.origin === 'details' && get().details ? 'details' : mode;
    set({ mode: back, menuIndex, signalRequest });
  },
  setMenuIndex(index) {
    set({ menuIndex: index });
  },
  openAncestry() {
    const pid = get().cursor.pid;
    if (pid === null) return;
    set({ mode: 'ancestry', menuIndex: 0, focusPid: pid });
  },
  openSignal(request, mode) {
    set({ mode, signalRequest: request });
  },
});
