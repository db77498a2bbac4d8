// The shapes that go in and come out of sending a signal: what the UI passes and what it reports.

/** A process as a row showed it. A ProcessInfo fits as is. */
export interface SignalTarget {
  /** Untrusted: validated again before any signal. */
  pid: number;
  /** ProcessInfo.startTime as the row showed it; 0 when the source could not tell. */
  startTime: number;
  /** Raw command line as the row showed it; sanitized before it reaches any message. */
  command: string;
  /**
   * True when startTime came from /proc (the procfs sampler), so it is compared to the tick.
   * Left out, a whole-second startTime is compared within a few seconds (see COARSE_WINDOW_MS).
   */
  exactStartTime?: boolean;
}

export type SignalStatus =
  /** kill(2) succeeded. */
  | 'sent'
  /** EPERM: another user's process, or a reason the system gives none for. */
  | 'not-permitted'
  /** ESRCH, or no /proc entry any more: nothing was sent. */
  | 'gone'
  /** The PID now names a different process than the row showed: nothing was sent. */
  | 'reused'
  /** pooltop itself, its parent, a thread of either, or init: nothing was sent. */
  | 'protected'
  /** Not a PID, or not a signal in the table: nothing was sent. */
  | 'invalid'
  /** kill(2) failed for a reason other than EPERM or ESRCH. */
  | 'failed';

/** How sure pooltop was that the PID still named the row's process when it sent. */
export type IdentityCheckKind = 'exact' | 'seconds' | 'unchecked';

export interface SignalOutcome {
  /** The target's PID; null when the input was not a number at all. */
  pid: number | null;
  /** 'SIGTERM'; '?' when the requested signal was not in the table. */
  signal: string;
  status: SignalStatus;
  /** One line for the message line, safe to print: "sent SIGTERM (15) to 1234 sleep 30". */
  text: string;
  /** 'unchecked' when the source had no start time or the system has no /proc. */
  identityCheck: IdentityCheckKind;
  /** The errno name for 'not-permitted', 'gone' after kill(2), and 'failed'. */
  errno?: string;
}
